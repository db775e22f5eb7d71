"""Building blocks for tests and benchmarks, kept out of the engines they exercise: random-weight model
pipelines built in code (`tiny_pipelines`). Nothing in the product imports this package."""
