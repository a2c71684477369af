#!/usr/bin/env Rscript
# Cross-check of the reconstructed SORAMIC IL cohort with R's survival package.
#
# Reads static/reference/reconstructed_cohort.csv (or the path given as the
# first argument) and prints, for each endpoint x marker, what the paper
# publishes: group sizes and events, Kaplan-Meier medians with 95% CI
# (survfit, log-scale CI, as print.survfit), the log-rank p (survdiff) and the
# univariate Cox hazard ratio high vs low with its 95% CI (coxph, Efron
# ties); then the whole cohort's median OS.
#
# Output: one "key,value" line per figure (NA where R prints NA), comment
# lines start with "#". The Rust test tests/r_cross_check.rs parses it.
#
# Usage (from the repository root):
#   Rscript crates/reference-cohort/check.R [static/reference/reconstructed_cohort.csv]

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "static/reference/reconstructed_cohort.csv"
d <- read.csv(path, colClasses = c("character", "character", "character", "numeric", "integer"))
stopifnot(identical(names(d), c("endpoint", "marker", "group", "time_months", "event")))

emit <- function(key, value) {
  cat(key, ",", if (is.na(value)) "NA" else format(value, digits = 15), "\n", sep = "")
}

cat("# R", R.version$major, ".", R.version$minor, ", survival ",
    as.character(packageVersion("survival")), ", file ", path, "\n", sep = "")

for (ep in c("os", "pfs", "ttld")) {
  for (mk in c("il6", "il8")) {
    s <- d[d$endpoint == ep & d$marker == mk, ]
    s$high <- as.integer(s$group == "high")
    key <- paste(ep, mk, sep = ".")
    cat("# ", key, ": survfit / survdiff / coxph, high vs low\n", sep = "")

    tab <- summary(survfit(Surv(time_months, event) ~ high, data = s))$table
    for (i in 1:2) {
      g <- paste(key, c("low", "high")[i], sep = ".")
      emit(paste0(g, ".n"), tab[i, "records"])
      emit(paste0(g, ".events"), tab[i, "events"])
      emit(paste0(g, ".median"), tab[i, "median"])
      emit(paste0(g, ".median_lower"), tab[i, "0.95LCL"])
      emit(paste0(g, ".median_upper"), tab[i, "0.95UCL"])
    }

    sd <- survdiff(Surv(time_months, event) ~ high, data = s)
    emit(paste0(key, ".logrank_p"), pchisq(sd$chisq, df = 1, lower.tail = FALSE))

    cx <- summary(coxph(Surv(time_months, event) ~ high, data = s, ties = "efron"))
    emit(paste0(key, ".hr"), cx$conf.int[1, "exp(coef)"])
    emit(paste0(key, ".hr_lower"), cx$conf.int[1, "lower .95"])
    emit(paste0(key, ".hr_upper"), cx$conf.int[1, "upper .95"])
    emit(paste0(key, ".hr_wald_p"), cx$coefficients[1, "Pr(>|z|)"])
  }
}

cat("# whole cohort OS (the 83 rows of the IL6 split)\n")
whole <- summary(survfit(Surv(time_months, event) ~ 1,
                         data = d[d$endpoint == "os" & d$marker == "il6", ]))$table
emit("os.all.n", whole["records"])
emit("os.all.events", whole["events"])
emit("os.all.median", whole["median"])
emit("os.all.median_lower", whole["0.95LCL"])
emit("os.all.median_upper", whole["0.95UCL"])
