"""Storage: the database schema, writing processed articles, and queries."""
