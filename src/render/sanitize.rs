//! Raw HTML from a guide → safe, well-formed markup from an allow-list, or escaped text.
