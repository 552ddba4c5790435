//! Plain domain types: what the store returns and what writes take. No database types leak here.

mod component;
mod enums;
mod incident;
mod list;
mod metric;
mod schedule;
mod subscriber;
mod token;
mod viewer;

pub use component::*;
pub use enums::*;
pub use incident::*;
pub use list::*;
pub use metric::*;
pub use schedule::*;
pub use subscriber::*;
pub use token::*;
pub use viewer::*;
