//! Unit tests of `html.rs`.

use super::*;
