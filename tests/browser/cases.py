"""The real cases the browser tests paste, read from `<repo>/../shared/cases/`.

Only two keys of `expected.yaml` matter here, `root_cause` and `also_accept`, so a small line
reader does instead of a YAML library.
"""

import os

# Cases whose input is mostly `kubectl describe` output, which the analyzer must read in the page.
BROWSER_CASES = [
    "011-airflow-kpo-oomkilled",
    "005-secret-created-after-job",
    "105-cronjob-bitnami-kubectl-tag-removed-crlf",
    "007-secret-volume-missing-job-stuck",
    "009-istio-sidecar-job-never-completes",
]


def cases_dir(repo):
    """Where the shared cases live for the checkout at `repo`."""
    return os.path.normpath(os.path.join(repo, "..", "shared", "cases"))


def _scalar(raw):
    """A plain or quoted YAML scalar, with a trailing `# comment` removed."""
    value = raw.strip()
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        return value[1:end] if end > 0 else value[1:]
    hash_at = value.find(" #")
    if hash_at >= 0:
        value = value[:hash_at]
    return "" if value.startswith("#") else value.strip()


def _flow_list(raw):
    """The items of a one-line flow list such as `[a, b]`."""
    body = raw.strip()
    end = body.find("]")
    if not body.startswith("[") or end < 0:
        return []
    return [_scalar(item) for item in body[1:end].split(",") if _scalar(item)]


def read_expected(text):
    """`(root_cause, also_accept)` from the text of an `expected.yaml`."""
    root_cause = None
    also_accept = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("root_cause:"):
            root_cause = _scalar(line[len("root_cause:") :])
        elif line.startswith("also_accept:"):
            rest = line[len("also_accept:") :]
            if rest.strip().startswith("["):
                also_accept = _flow_list(rest)
                continue
            for item in lines[index + 1 :]:
                stripped = item.strip()
                if not stripped.startswith("- "):
                    break
                also_accept.append(_scalar(stripped[2:]))
    return root_cause, also_accept


class Case:
    """One case folder: its name, its paste and the causes a top finding may name."""

    def __init__(self, folder):
        self.name = os.path.basename(folder)
        with open(os.path.join(folder, "input.txt"), encoding="utf-8", newline="") as f:
            self.text = f.read()
        with open(os.path.join(folder, "expected.yaml"), encoding="utf-8") as f:
            self.root_cause, self.also_accept = read_expected(f.read())
        if not self.root_cause:
            raise ValueError(f"{self.name}/expected.yaml has no `root_cause`")

    @property
    def accepted(self):
        """Every cause id that counts as right for the top finding."""
        return [self.root_cause] + self.also_accept

    def line(self, number):
        """Line `number` (from 1) of the paste without its line break, or None."""
        lines = self.text.split("\n")
        if 1 <= number <= len(lines):
            return lines[number - 1].rstrip("\r")
        return None


def _self_check():
    got = read_expected("root_cause: unknown  # corpus label was x\nalso_accept: [bad-command]\n")
    assert got == ("unknown", ["bad-command"]), got
    got = read_expected("also_accept:\n- 'a'\n- b\nroot_cause: c\n")
    assert got == ("c", ["a", "b"]), got


_self_check()
