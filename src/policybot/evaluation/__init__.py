"""Scores and speed: the QA, conversation and catalogue evaluations, reports, model fitting and benchmarks."""
