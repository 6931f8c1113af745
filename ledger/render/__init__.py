"""Renderers: each turns a report object into one output format; none reads files or the clock."""
