//! Unit tests of `media.rs`.

use super::*;
