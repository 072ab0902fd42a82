//! The state of sharing a paste (see [`crate::ui::share_bar`]): which preview is open, for which
//! snapshot of the paste, what the engine found in it, which kinds to mask, and what the last
//! copy came to. Part of the app's one reducer ([`crate::ui::state`]).

use std::rc::Rc;

use crate::protocol::Findings;

/// What is being copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Link,
    Report,
}

impl Purpose {
    /// The id of the button that opens the preview for it, where focus goes back to.
    pub fn button_id(self) -> &'static str {
        match self {
            Purpose::Link => "share-link",
            Purpose::Report => "share-report",
        }
    }
}

/// The share bar's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sharing {
    /// Bumped whenever a preview opens or closes: the engine's answers to an older one are
    /// dropped.
    pub session: u32,
    /// What the open preview is for; `None` while it is closed.
    pub open: Option<Purpose>,
    /// The paste as it was when the preview opened: what is shared.
    pub paste: Rc<str>,
    /// What looks secret in it, once the engine says.
    pub findings: Option<Rc<Findings>>,
    /// The ids of the kinds to mask.
    pub mask: Rc<Vec<String>>,
    /// The engine is making the link or the report.
    pub making: bool,
    /// The text the browser would not copy, shown selected for the user to copy by hand.
    pub refused: Option<Rc<str>>,
    /// What the last copy came to, and whether it failed.
    pub status: Option<(Rc<str>, bool)>,
}

/// What happens to the share bar.
#[derive(Clone, Debug)]
pub enum Step {
    Open(Purpose, Rc<str>),
    /// The findings of session `.0`.
    Found(u32, Rc<Findings>),
    /// A kind's checkbox, by the kind's id.
    Toggle(String),
    Making,
    /// Session `.0` copied its text; the preview closes with this note.
    Copied(u32, Rc<str>),
    /// The browser would not copy the text `.1` of session `.0`.
    Refused(u32, Rc<str>),
    /// Session `.0` could not be done; the preview closes and says why.
    Failed(u32, Rc<str>),
    Close,
}

impl Sharing {
    /// The state after `step`; `None` when nothing changes (an answer to an older session).
    pub fn step(&self, step: Step) -> Option<Sharing> {
        let closed = |status| Sharing {
            session: self.session.wrapping_add(1),
            status,
            ..Default::default()
        };
        let mut next = self.clone();
        match step {
            Step::Open(purpose, paste) => {
                next = Sharing { open: Some(purpose), paste, ..closed(None) }
            }
            Step::Found(session, findings) if session == self.session => {
                let mask = findings.kinds.iter().filter(|k| k.default).map(|k| k.id.clone());
                next.mask = Rc::new(mask.collect());
                next.findings = Some(findings);
            }
            Step::Toggle(id) => {
                let mut mask = (*self.mask).clone();
                match mask.iter().position(|m| *m == id) {
                    Some(at) => drop(mask.remove(at)),
                    None => mask.push(id),
                }
                next.mask = Rc::new(mask);
            }
            Step::Making => next.making = true,
            Step::Copied(session, note) if session == self.session => {
                next = closed(Some((note, false)))
            }
            Step::Refused(session, text) if session == self.session => {
                next.making = false;
                next.refused = Some(text);
            }
            Step::Failed(session, why) if session == self.session => {
                next = closed(Some((why, true)))
            }
            Step::Close => next = closed(None),
            _ => return None,
        }
        Some(next)
    }
}
