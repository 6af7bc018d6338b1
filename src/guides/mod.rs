//! Which guides a build works on: a guide file, or a folder that is one guide made of parts
//! or a library of guides; and the rule that no guide of a build may overwrite another's
//! outputs ([`OutputClaims`]).

mod claims;

pub use claims::OutputClaims;
