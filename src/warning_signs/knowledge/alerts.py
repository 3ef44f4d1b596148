"""Score a simple early-warning rule against known onsets: hits, misses, false alarms, lead time.

The rule: a month is *in alert* when the indicator is at or above a threshold.
Consecutive alert months form one *alert episode* (what a desk officer would
call "an alert"). Against the months in which an escalation began (onsets):

* an onset is a **hit** when some alert month falls 1-6 months before it (the
  *lead window*, ``lead=(1, 6)``); otherwise it is a **miss**. An alert that
  only starts in the onset month is too late to warn;
* the **lead time** of a hit counts months from the first month of the
  earliest alert episode reaching the lead window to the onset;
* an episode is a **warning** when an onset falls within the lead window of
  one of its months, and a **false alarm** when none does. An episode that
  starts during a crisis (from the onset month to ``ongoing`` months after it)
  is neither: the escalation it reports has already happened.

Everything here is plain numpy on one country's months at a time, so the
dashboard can rescore on every slider move; :class:`Score` objects add up
across countries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_LEAD = (1, 6)  # months before the onset in which an alert counts as a warning
DEFAULT_ONGOING = 12  # months after an onset during which a new alert is not a false alarm

WARNING, FALSE_ALARM, DURING_CRISIS = "warning", "false alarm", "during crisis"


def alert_months(values, threshold: float) -> np.ndarray:
    """True for each month whose value is at or above ``threshold`` (a missing value never alerts)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return values >= threshold


def episodes(alerts) -> list[tuple[int, int]]:
    """Runs of consecutive alert months, as (first, last) month indices, last included."""
    alerts = np.asarray(alerts, dtype=bool)
    if not alerts.any():
        return []
    edges = np.diff(np.concatenate(([0], alerts.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    return list(zip(starts.tolist(), ends.tolist()))


def onset_months(onsets) -> list[int]:
    """Indices of the onset months in a boolean series (missing counts as no onset)."""
    return np.flatnonzero(np.asarray(onsets, dtype=float) > 0).tolist()


def classify(episode: tuple[int, int], onsets: list[int], lead=DEFAULT_LEAD, ongoing: int = DEFAULT_ONGOING) -> str:
    """WARNING, FALSE_ALARM or DURING_CRISIS for one alert episode."""
    first, last = episode
    shortest, longest = lead
    # Some month m of the episode has shortest <= t - m <= longest.
    if any(first + shortest <= t <= last + longest for t in onsets):
        return WARNING
    if any(t <= first <= t + ongoing for t in onsets):
        return DURING_CRISIS
    return FALSE_ALARM


def lead_time(onset: int, spans: list[tuple[int, int]], lead=DEFAULT_LEAD) -> int | None:
    """Months of warning before ``onset``, or None when no episode reaches its lead window."""
    shortest, longest = lead
    window_first, window_last = onset - longest, onset - shortest
    reaching = [first for first, last in spans if first <= window_last and last >= window_first]
    return onset - min(reaching) if reaching else None


@dataclass(frozen=True)
class Score:
    """Counts for one country, or summed over several (``a + b``)."""

    onsets: int = 0
    hits: int = 0
    leads: tuple[int, ...] = ()  # one per hit, in months
    warnings: int = 0  # alert episodes followed by an onset
    false_alarms: int = 0  # alert episodes not followed by one
    during_crisis: int = 0  # alert episodes that began after an onset
    alert_months: int = 0
    months: int = 0

    @property
    def misses(self) -> int:
        return self.onsets - self.hits

    @property
    def alerts(self) -> int:
        """Alert episodes that count for or against the rule (not those during a crisis)."""
        return self.warnings + self.false_alarms

    @property
    def precision(self) -> float | None:
        """Share of alerts that were followed by an onset; None when there were no alerts."""
        return self.warnings / self.alerts if self.alerts else None

    @property
    def median_lead(self) -> float | None:
        return float(np.median(self.leads)) if self.leads else None

    def __add__(self, other: Score) -> Score:
        return Score(
            self.onsets + other.onsets,
            self.hits + other.hits,
            self.leads + other.leads,
            self.warnings + other.warnings,
            self.false_alarms + other.false_alarms,
            self.during_crisis + other.during_crisis,
            self.alert_months + other.alert_months,
            self.months + other.months,
        )


def score(alerts, onsets, lead=DEFAULT_LEAD, ongoing: int = DEFAULT_ONGOING) -> Score:
    """Score one country's alert months (booleans) against its onset months (booleans)."""
    alerts = np.asarray(alerts, dtype=bool)
    onset_list = onset_months(onsets)
    spans = episodes(alerts)
    kinds = [classify(span, onset_list, lead, ongoing) for span in spans]
    leads = [lead_time(t, spans, lead) for t in onset_list]
    hits = tuple(m for m in leads if m is not None)
    return Score(
        onsets=len(onset_list),
        hits=len(hits),
        leads=hits,
        warnings=kinds.count(WARNING),
        false_alarms=kinds.count(FALSE_ALARM),
        during_crisis=kinds.count(DURING_CRISIS),
        alert_months=int(alerts.sum()),
        months=len(alerts),
    )


def score_threshold(values, onsets, threshold: float, lead=DEFAULT_LEAD, ongoing: int = DEFAULT_ONGOING) -> Score:
    """Shortcut: alert at ``threshold``, then :func:`score`."""
    return score(alert_months(values, threshold), onsets, lead, ongoing)


# --- in words ----------------------------------------------------------------


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 onset', '3 onsets', '2 false alarms'."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def precision_words(result: Score) -> str:
    """'1 in 4 alerts was right' style, exact counts first."""
    if not result.alerts:
        return (
            "the only alerts came after an onset, during the crisis" if result.during_crisis else "there were no alerts"
        )
    if result.warnings == 0:
        return (
            "the one alert was not followed by an onset"
            if result.alerts == 1
            else f"none of the {result.alerts:,} alerts was followed by an onset"
        )
    if result.warnings == result.alerts:
        return "every alert was followed by an onset"
    ratio = round(result.alerts / result.warnings)
    return f"{result.warnings} of {result.alerts} alerts were followed by an onset (about 1 in {ratio})"


def lead_words(result: Score) -> str:
    if not result.leads:
        return ""
    median = result.median_lead
    assert median is not None  # there are leads
    shown = f"{median:g}" if median == int(median) else f"{median:.1f}"
    return f" (median warning {shown} month{'' if median == 1 else 's'} ahead)"


def describe(result: Score, threshold: str) -> str:
    """One sentence of counts, e.g. for a threshold label "40":

    "At threshold 40: 3 of 5 onsets warned (median warning 4 months ahead),
    2 missed, 11 false alarms; 3 of 14 alerts were followed by an onset (about 1 in 5)."
    """
    if result.onsets:
        onsets = f"{result.hits} of {plural(result.onsets, 'onset')} warned{lead_words(result)}, {result.misses} missed"
    else:
        onsets = "no onset in these months"
    return (
        f"At threshold {threshold}: {onsets}, {plural(result.false_alarms, 'false alarm')}; {precision_words(result)}."
    )


def base_rate_words(result: Score, units: str = "country-months") -> str:
    """How rare onsets are, and how often the rule is in alert."""
    if not result.months:
        return "No months selected."
    if result.onsets:
        one_in = round(result.months / result.onsets)
        rate = f"{plural(result.onsets, 'onset')} in {result.months:,} {units} (about 1 in {one_in:,})"
    else:
        rate = f"no onset in {result.months:,} {units}"
    share = result.alert_months / result.months
    return f"Base rate: {rate}. The rule was in alert in {result.alert_months:,} of them ({share:.0%})."


# --- thresholds a learner can pick, and numbers in words -----------------------------


def nice_ceiling(value: float) -> float:
    """A round number at or above ``value`` (76.6 -> 80, 1892 -> 2000), for the slider's end."""
    if value <= 0 or not np.isfinite(value):
        return 1.0
    power = 10 ** np.floor(np.log10(value))
    return float(next(f * power for f in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if f * power >= value - 1e-9))


def nice_step(span: float) -> float:
    """A round step giving about 100 steps over ``span``, never below 0.1."""
    target = max(span / 100, 0.1)
    power = 10 ** np.floor(np.log10(target))
    return float(next(f * power for f in (1, 2, 5, 10) if f * power >= target - 1e-9))


def threshold_grid(top: float, counts: bool) -> list[float]:
    """The thresholds a learner can pick: round numbers up to ``top``.

    Evenly spaced for an index or small counts; for counts that run into the
    thousands, 1-2-3-5 steps in each power of ten, so that both 200 and
    20,000 people displaced can be chosen with a few key presses.
    """
    top = nice_ceiling(top)
    if counts and top > 100:
        decades = 10.0 ** np.arange(0, np.ceil(np.log10(top)) + 1)
        grid = sorted({float(d * f) for d in decades for f in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8)})
        return [v for v in grid if v <= top and v.is_integer()]
    step = max(1.0, nice_step(top)) if counts else nice_step(top)
    return [round(i * step, 6) for i in range(1, int(round(top / step)) + 1)]


def snap(value: float, grid: list[float]) -> float:
    """The grid value nearest to ``value``."""
    return min(grid, key=lambda v: abs(v - value))


def number_words(value: float) -> str:
    """'40', '1,500', '2.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
