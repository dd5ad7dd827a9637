# Regenerates the corpus of public clinical tables (data/corpus/*.csv) from R packages that
# Debian ships. Run it through bin/corpus-extract, which checks that R and the packages are
# installed first:
#
#   Rscript data/corpus/extract.R OUT_DIR shipped   # the files in data/corpus (<= 5,000 rows each)
#   Rscript data/corpus/extract.R OUT_DIR whole     # every table whole (for benchmarks)
#
# Tables are written as R gives them: factors as their labels, logicals as TRUE/FALSE, Date
# columns as ISO yyyy-mm-dd, NA as the empty string, with write.csv's RFC-4180 quoting. No value
# is altered and no column is added or removed. A table of more than 5,000 rows is shipped as a
# seeded random extract of 5,000 rows kept in their original order (seed 2026 + the table's
# position in the list below, R's default Mersenne-Twister / Rejection sampling).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2 || !(args[2] %in% c("shipped", "whole"))) {
  stop("usage: Rscript extract.R OUT_DIR shipped|whole", call. = FALSE)
}
out_dir <- args[1]
mode <- args[2]
max_rows <- 5000L

# name in data/corpus, R package, dataset, Debian package
tables <- list(
  list(name = "aids2",      pkg = "MASS",     ds = "Aids2",                apt = "r-cran-mass"),
  list(name = "births",     pkg = "Epi",      ds = "births",               apt = "r-cran-epi"),
  list(name = "colon",      pkg = "survival", ds = "colon",                apt = "r-cran-survival"),
  list(name = "mgus2",      pkg = "survival", ds = "mgus2",                apt = "r-cran-survival"),
  list(name = "nafld1",     pkg = "survival", ds = "nafld1",               apt = "r-cran-survival"),
  list(name = "nwtco",      pkg = "survival", ds = "nwtco",                apt = "r-cran-survival"),
  list(name = "pbc",        pkg = "survival", ds = "pbc",                  apt = "r-cran-survival"),
  list(name = "pima2",      pkg = "mlbench",  ds = "PimaIndiansDiabetes2", apt = "r-cran-mlbench"),
  list(name = "pneumon",    pkg = "KMsurv",   ds = "pneumon",              apt = "r-cran-kmsurv"),
  list(name = "rotterdam",  pkg = "survival", ds = "rotterdam",            apt = "r-cran-survival"),
  list(name = "std",        pkg = "KMsurv",   ds = "std",                  apt = "r-cran-kmsurv"),
  list(name = "thoro",      pkg = "Epi",      ds = "thoro",                apt = "r-cran-epi"),
  list(name = "toenail",    pkg = "HSAUR3",   ds = "toenail",              apt = "r-cran-hsaur3"),
  list(name = "transplant", pkg = "survival", ds = "transplant",           apt = "r-cran-survival")
)

missing <- Filter(function(t) !nzchar(system.file(package = t$pkg)), tables)
if (length(missing) > 0) {
  pkgs <- unique(vapply(missing, function(t) t$pkg, ""))
  apts <- unique(vapply(missing, function(t) t$apt, ""))
  message("corpus-extract: missing R package(s): ", paste(pkgs, collapse = ", "))
  message("install them with: apt-get install -y ", paste(apts, collapse = " "))
  quit(status = 3)
}

load_table <- function(t) {
  env <- new.env()
  # Most datasets load by name; survival keeps some inside a bundle (colon, mgus2 and
  # rotterdam in 'cancer', nafld1 in 'nafld'), reached through its lazy-loaded data.
  ok <- tryCatch({
    suppressWarnings(utils::data(list = t$ds, package = t$pkg, envir = env))
    exists(t$ds, envir = env, inherits = FALSE)
  }, error = function(e) FALSE)
  x <- if (ok) get(t$ds, envir = env) else getExportedValue(t$pkg, t$ds)
  if (!is.data.frame(x)) stop(t$pkg, "::", t$ds, " is not a data frame", call. = FALSE)
  x <- as.data.frame(x)
  rownames(x) <- NULL
  for (col in names(x)) {
    v <- x[[col]]
    # write.csv writes a Date column as ISO yyyy-mm-dd (unquoted, like numbers)
    if (inherits(v, "POSIXt")) stop(t$ds, "$", col, ": date-time columns are not handled", call. = FALSE)
    else if (!is.null(names(v))) x[[col]] <- unname(v)
  }
  x
}

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
for (i in seq_along(tables)) {
  t <- tables[[i]]
  x <- load_table(t)
  whole <- nrow(x)
  if (mode == "shipped" && whole > max_rows) {
    set.seed(2026L + i)
    x <- x[sort(sample.int(whole, max_rows)), , drop = FALSE]
  }
  path <- file.path(out_dir, paste0(t$name, ".csv"))
  utils::write.csv(x, path, row.names = FALSE, na = "", fileEncoding = "UTF-8")
  cat(sprintf("%-11s %-22s %6d of %6d rows x %2d columns -> %s\n",
              t$name, paste0(t$pkg, "::", t$ds), nrow(x), whole, ncol(x), path))
}
