# Times R's survival on the benchmark data written by
#   cargo run --release -p survival --example write_bench_data -- DIR
# Usage: Rscript crates/survival/benches/bench.R DIR [MAX_N]  (MAX_N: stop at
# that size; default 10^6)
# Prints CSV: routine,n,median_seconds,reps. Each figure is the median of
# repeated calls (calls are batched so one timed batch lasts >= 50 ms).
# For the Cox fits, `<routine>_fit` is R's fitting routine alone
# (`coxph.fit` on a ready model matrix: the sort and the C code `coxfit6`,
# without the formula and model-frame handling of `coxph()`).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "target/bench-data"
max_n <- if (length(args) >= 2) as.numeric(args[2]) else 1e6

time_call <- function(f) {
  batch <- 1
  repeat {
    t <- system.time(for (i in seq_len(batch)) f())[["elapsed"]]
    if (t >= 0.05 || batch >= 1e5) break
    batch <- batch * 4
  }
  samples <- replicate(7, system.time(for (i in seq_len(batch)) f())[["elapsed"]] / batch)
  c(median(samples), batch * 7)
}

cat("routine,n,median_seconds,reps\n")
for (n in c(1000, 10000, 100000, 1000000)[c(1000, 10000, 100000, 1000000) <= max_n]) {
  d <- read.csv(file.path(dir, sprintf("n%d.csv", n)))
  km <- time_call(function() summary(survfit(Surv(time, status) ~ 1, data = d))$table["median"])
  lr <- time_call(function() survdiff(Surv(time, status) ~ group, data = d)$chisq)
  cx <- time_call(function() coxph(Surv(time, status) ~ group, data = d, ties = "efron")$loglik)
  cx6 <- time_call(function() coxph(Surv(time, status) ~ group + age + sex + lab + count + level,
                                    data = d, ties = "efron")$loglik)
  y <- Surv(d$time, d$status)
  fit_only <- function(x) {
    storage.mode(x) <- "double"  # read.csv gives integers for 0/1 columns
    time_call(function() coxph.fit(x, y, strata = NULL, offset = NULL,
      init = NULL, control = coxph.control(), weights = NULL, method = "efron",
      rownames = NULL)$loglik)
  }
  cx_fit <- fit_only(as.matrix(d["group"]))
  cx6_fit <- fit_only(as.matrix(d[c("group", "age", "sex", "lab", "count", "level")]))
  cat(sprintf("kaplan_meier,%d,%.9g,%d\n", n, km[1], km[2]))
  cat(sprintf("log_rank,%d,%.9g,%d\n", n, lr[1], lr[2]))
  cat(sprintf("cox_efron,%d,%.9g,%d\n", n, cx[1], cx[2]))
  cat(sprintf("cox_efron_fit,%d,%.9g,%d\n", n, cx_fit[1], cx_fit[2]))
  cat(sprintf("cox_efron_6,%d,%.9g,%d\n", n, cx6[1], cx6[2]))
  cat(sprintf("cox_efron_6_fit,%d,%.9g,%d\n", n, cx6_fit[1], cx6_fit[2]))
}
