//! CPython-compatible text formatting: float repr, `%` printf, format specs and `str.format` templates.

pub mod float_repr;
pub mod printf;
pub mod spec;
pub mod template;
