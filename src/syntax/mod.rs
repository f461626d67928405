//! Syntax: the pest grammar (`grammar/leadplay.pest`) and the AST it is lowered to.

pub mod ast;
