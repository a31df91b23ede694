"""Product search: Elasticsearch (elasticsearch-dsl) with a database fallback."""
