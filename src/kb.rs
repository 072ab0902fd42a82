//! (being written by the knowledge-base work)
