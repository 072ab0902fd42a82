//! The app state and its reducer: the single place that calls [`crate::analyze`].

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use crate::kb;
use crate::report::Report;
use crate::ui::panic;
use crate::ui::route::Route;

/// Everything the app remembers: which page is open and what was pasted.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The page named by the URL hash.
    pub route: Route,
    /// The paste and its report; kept while the user visits other pages.
    pub analysis: Rc<Analysis>,
}

/// A paste and what the engine made of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// The text as the user gave it.
    pub paste: Rc<str>,
    /// The report; `None` when the paste is empty or only whitespace, or not analysed yet.
    pub report: Option<Rc<Report>>,
    /// The lines (from 1) that are evidence of any finding.
    pub evidence_lines: Rc<BTreeSet<usize>>,
    /// Bumped whenever the paste changes other than by typing, so the textarea is rewritten.
    pub revision: u32,
    /// The paste came back after a crash and waits for the user to analyse it again: if the
    /// paste itself crashed the engine, analysing it at start-up would crash in a loop.
    pub restored: bool,
    /// A large paste waits to be analysed until the user stops typing, so that the page can
    /// say it is reading it first (see [`Action::AnalyzePending`]).
    pub pending: bool,
}

/// Pastes up to this size are analysed on every keystroke; larger ones once typing pauses.
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
    /// The paste was cleared.
    Clear,
    /// Analyse the current paste again (after a restore).
    Reanalyze,
    /// Analyse the paste that is [`Analysis::pending`], if it still is.
    AnalyzePending,
}

impl AppState {
    /// The state at start-up: the page in the address bar, and a paste kept across a reload.
    pub fn new(route: Route, restored_paste: Option<String>) -> AppState {
        let analysis = match restored_paste {
            Some(paste) if !paste.is_empty() => {
                let paste: Rc<str> = paste.into();
                panic::remember_paste(&paste);
                Analysis { paste, revision: 1, restored: true, ..Analysis::default() }
            }
            _ => Analysis::default(),
        };
        AppState { route, analysis: Rc::new(analysis) }
    }

    fn with_analysis(&self, analysis: Analysis) -> Rc<AppState> {
        Rc::new(AppState { route: self.route.clone(), analysis: Rc::new(analysis) })
    }
}

impl Analysis {
    /// Analyses `paste`; `revision` tells the textarea whether to take the text.
    fn of(paste: Rc<str>, revision: u32) -> Analysis {
        panic::remember_paste(&paste);
        let report = if paste.trim().is_empty() { None } else { Some(crate::analyze(&paste)) };
        let evidence_lines = report
            .iter()
            .flat_map(|r| r.findings.iter())
            .flat_map(|f| f.evidence.iter())
            .map(|e| e.line)
            .collect();
        Analysis {
            paste,
            report: report.map(Rc::new),
            evidence_lines: Rc::new(evidence_lines),
            revision,
            restored: false,
            pending: false,
        }
    }

    /// `paste` as typed: analysed now when it is small, else marked pending.
    fn typed(paste: Rc<str>, revision: u32) -> Analysis {
        if paste.len() <= INSTANT_BYTES {
            return Analysis::of(paste, revision);
        }
        panic::remember_paste(&paste);
        Analysis { paste, revision, pending: true, ..Analysis::default() }
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
                Rc::new(AppState { route, analysis: Rc::clone(&self.analysis) })
            }
            Action::Input(text) if *text == *current.paste => self,
            Action::Input(text) => {
                self.with_analysis(Analysis::typed(text.into(), current.revision))
            }
            Action::AnalyzePending if current.pending => {
                self.with_analysis(Analysis::of(current.paste.clone(), current.revision))
            }
            Action::AnalyzePending => self,
            Action::LoadExample(id) => match kb::examples().iter().find(|e| e.id == id) {
                Some(example) => {
                    self.with_analysis(Analysis::of(example.text.into(), next_revision))
                }
                None => self,
            },
            Action::LargePaste(text) => {
                self.with_analysis(Analysis::typed(text.into(), next_revision))
            }
            Action::Clear => self.with_analysis(Analysis::of("".into(), next_revision)),
            Action::Reanalyze => {
                self.with_analysis(Analysis::of(current.paste.clone(), current.revision))
            }
        }
    }
}
