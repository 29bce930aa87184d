//! Readers of structured text that keep where everything is: delimited tables with the byte
//! span of every cell ([`csv`]) and JSON with the span of every value ([`jsontree`]). Pure
//! text in, spans out: importers use them to make evidence a verbatim slice of a file, and the
//! views to show an imported record field by field.

pub mod csv;
pub mod jsontree;
