//! Python bindings for cachet-core (see the Python issue).
