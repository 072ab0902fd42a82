//! The app state and its reducer. The reducer never analyses: it numbers each paste as a
//! request, and [`crate::ui::app`] sends the newest one to the engine ([`crate::ui::engine`]),
//! whose answer comes back as [`Action::Answer`].

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use crate::kb;
use crate::report::Report;
use crate::ui::engine::Answer;
use crate::ui::panic;
use crate::ui::route::Route;
use crate::ui::sharing::{Sharing, Step};

/// Everything the app remembers: which page is open, what was pasted and how it is being shared.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The page named by the URL hash.
    pub route: Route,
    /// The paste and its report; kept while the user visits other pages.
    pub analysis: Rc<Analysis>,
    /// The share bar's preview and what the last copy came to.
    pub sharing: Rc<Sharing>,
    /// Why the share link in the address could not be opened, once the engine says.
    pub share_failed: Option<Rc<str>>,
}

/// A paste and what the engine made of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// The text as the user gave it.
    pub paste: Rc<str>,
    /// The newest report; while [`Analysis::reading`], the one of the paste before (so that the
    /// result does not flicker as the user types). `None` for an empty paste.
    pub report: Option<Rc<Report>>,
    /// Why the engine could not read the paste, when it could not.
    pub failed: Option<Rc<str>>,
    /// The lines (from 1) that are evidence of any finding of `report`.
    pub evidence_lines: Rc<BTreeSet<usize>>,
    /// Bumped whenever the paste changes other than by typing, so the textarea is rewritten.
    pub revision: u32,
    /// The number of the newest request; answers to older ones are dropped.
    pub request: u32,
    /// The engine has `request` in hand.
    pub reading: bool,
    /// The paste came back after a crash and waits for the user to analyse it again: if the
    /// paste itself crashed the engine, analysing it at start-up would crash in a loop.
    pub restored: bool,
    /// The user's own paste that an example or Clear replaced, for Undo; gone once they type.
    /// Held in memory only: Clear still forgets the copy kept for a reload.
    pub replaced: Option<Rc<str>>,
}

/// Pastes up to this size are analysed on every keystroke; larger ones once typing pauses,
/// with a notice that they are being read.
pub const INSTANT_BYTES: usize = 256 << 10;

/// What can happen to the app state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The URL hash changed.
    Navigate(Route),
    /// The user edited the paste; the textarea already shows this text.
    Input(String),
    /// A built-in example was chosen, by its id.
    LoadExample(&'static str),
    /// A paste too large for the textarea replaced the paste; the app holds the text.
    LargePaste(String),
    /// A share link's paste replaced the paste.
    Shared(String),
    /// The share link in the address cannot be opened, for this reason.
    ShareFailed(Rc<str>),
    /// Something happened to the share bar.
    Share(Step),
    /// The paste was cleared.
    Clear,
    /// Bring back the paste an example or Clear replaced.
    Undo,
    /// Analyse the current paste again (after a restore).
    Reanalyze,
    /// The engine's answer to request `.0`.
    Answer(u32, Answer),
}

impl AppState {
    /// The state at start-up: the page in the address bar, and a paste back from a reload:
    /// `after_crash` waits for the user to analyse it again, `kept` is analysed at once.
    pub fn new(route: Route, after_crash: Option<String>, kept: Option<String>) -> AppState {
        let analysis = match (after_crash, kept) {
            (Some(paste), _) if !paste.is_empty() => {
                let paste: Rc<str> = paste.into();
                panic::remember_paste(&paste);
                Analysis { paste, revision: 1, restored: true, ..Analysis::default() }
            }
            (_, Some(paste)) => Analysis::default().next(paste.into(), 1),
            _ => Analysis::default(),
        };
        AppState { route, analysis: Rc::new(analysis), sharing: Rc::default(), share_failed: None }
    }

    /// `self` with `analysis`. A share preview lists what the paste held when it opened, and
    /// its Copy shares that paste: a different paste closes it, so that what is copied is never
    /// a paste the user has replaced.
    fn with_analysis(&self, analysis: Analysis) -> Rc<AppState> {
        let stale = self.sharing.open.is_some() && *self.sharing.paste != *analysis.paste;
        let sharing = match self.sharing.step(Step::Close).filter(|_| stale) {
            Some(closed) => Rc::new(closed),
            None => self.sharing.clone(),
        };
        Rc::new(AppState { analysis: Rc::new(analysis), sharing, ..self.clone() })
    }
}

impl Analysis {
    /// `paste` to be read as the request after `self`'s; `revision` tells the textarea whether
    /// to take the text.
    fn next(&self, paste: Rc<str>, revision: u32) -> Analysis {
        panic::remember_paste(&paste);
        let request = self.request.wrapping_add(1);
        if paste.trim().is_empty() {
            return Analysis { paste, revision, request, ..Analysis::default() };
        }
        Analysis {
            paste,
            report: self.report.clone(),
            failed: None,
            evidence_lines: self.evidence_lines.clone(),
            revision,
            request,
            reading: true,
            restored: false,
            replaced: None,
        }
    }

    /// `paste` in place of the current one, by an example or Clear: the user's own paste is
    /// kept for Undo (an example's text is not theirs; an earlier replaced paste stays).
    fn replace(&self, paste: Rc<str>, revision: u32) -> Analysis {
        let own =
            !self.paste.trim().is_empty() && !kb::examples().iter().any(|e| *e.text == *self.paste);
        let replaced = if own { Some(self.paste.clone()) } else { self.replaced.clone() };
        Analysis { replaced, ..self.next(paste, revision) }
    }

    /// `self` with the engine's answer.
    fn answered(&self, answer: Answer) -> Analysis {
        let (report, failed) = match answer {
            Answer::Report(report) => (Some(report), None),
            Answer::Failed(why) => (None, Some(why)),
        };
        let evidence_lines = report
            .iter()
            .flat_map(|r| r.findings.iter())
            .flat_map(|f| f.evidence.iter())
            .map(|e| e.line)
            .collect();
        Analysis {
            report,
            failed,
            evidence_lines: Rc::new(evidence_lines),
            reading: false,
            ..self.clone()
        }
    }

    /// Whether the result should say that the paste is being read (rather than show the report
    /// of the paste before): the paste is large, or there is no report to show meanwhile.
    pub fn shows_reading(&self) -> bool {
        self.reading && (self.paste.len() > INSTANT_BYTES || self.report.is_none())
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let current = &self.analysis;
        let next_revision = current.revision.wrapping_add(1);
        match action {
            Action::Navigate(route) if route == self.route => self,
            Action::Navigate(route) => {
                Rc::new(AppState { route, share_failed: None, ..(*self).clone() })
            }
            Action::Input(text) if *text == *current.paste => self,
            Action::Input(text) => self.with_analysis(current.next(text.into(), current.revision)),
            Action::LoadExample(id) => match kb::examples().iter().find(|e| e.id == id) {
                Some(example) => {
                    self.with_analysis(current.replace(example.text.into(), next_revision))
                }
                None => self,
            },
            Action::LargePaste(text) | Action::Shared(text) => {
                self.with_analysis(current.next(text.into(), next_revision))
            }
            Action::Clear => self.with_analysis(current.replace("".into(), next_revision)),
            Action::Undo => match &current.replaced {
                Some(paste) => self.with_analysis(current.next(paste.clone(), next_revision)),
                None => self,
            },
            Action::Reanalyze => {
                self.with_analysis(current.next(current.paste.clone(), current.revision))
            }
            Action::Answer(request, answer) if request == current.request && current.reading => {
                self.with_analysis(current.answered(answer))
            }
            Action::Answer(..) => self,
            Action::ShareFailed(why) => {
                Rc::new(AppState { share_failed: Some(why), ..(*self).clone() })
            }
            Action::Share(step) => match self.sharing.step(step) {
                Some(sharing) => Rc::new(AppState { sharing: Rc::new(sharing), ..(*self).clone() }),
                None => self,
            },
        }
    }
}
