"""Word lists (TOML) that drive extraction; see docs/lexicons.md."""
