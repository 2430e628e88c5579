// How the result adds up, drawn from the core's view: the paper credits,
// the credits of each period year (a stacked bar chart and its table), what
// did not count, and the plan that would close the gap.

import { byId, el, runs, svg } from "../dom.js";
import { t } from "../page.js";

// The chart's box, in SVG units.
const WIDTH = 360;
const HEIGHT = 210;
const LEFT = 30;
const RIGHT = 6;
const TOP = 18;
const BOTTOM = 40;

function renderChart(chart) {
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (value) => TOP + plotHeight - (value / chart.ceiling) * plotHeight;
  const graphic = svg("svg", {
    viewBox: "0 0 " + WIDTH + " " + HEIGHT,
    role: "img",
    "aria-label": chart.alt,
    "class": "chart-graphic",
    focusable: "false"
  });
  for (let value = 0; value <= chart.ceiling; value += chart.step) {
    graphic.append(
      svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value), "class": value === 0 ? "axis-line" : "grid" }),
      svg("text", { x: LEFT - 5, y: y(value) + 4, "text-anchor": "end", "class": "axis" }, String(value))
    );
  }
  const band = (WIDTH - LEFT - RIGHT) / chart.years.length;
  const barWidth = Math.min(34, band * 0.62);
  chart.years.forEach((year, i) => {
    const x = LEFT + band * i + (band - barWidth) / 2;
    let stacked = 0;
    year.bars.forEach((bar) => {
      const rect = svg("rect", {
        x: x.toFixed(2),
        y: y(stacked + bar.amount).toFixed(2),
        width: barWidth.toFixed(2),
        height: (y(stacked) - y(stacked + bar.amount)).toFixed(2),
        "class": "bar " + bar.kind
      });
      rect.append(svg("title", {}, bar.title));
      graphic.append(rect);
      stacked += bar.amount;
    });
    const middle = (x + barWidth / 2).toFixed(2);
    if (year.total > 0) {
      graphic.append(svg("text", { x: middle, y: (y(year.total) - 4).toFixed(2), "text-anchor": "middle", "class": "bar-total" }, String(year.total)));
    }
    graphic.append(
      svg("text", { x: middle, y: HEIGHT - BOTTOM + 15, "text-anchor": "middle", "class": "axis year" }, year.label),
      svg("text", { x: middle, y: HEIGHT - BOTTOM + 29, "text-anchor": "middle", "class": "axis" }, year.start_year)
    );
  });
  byId("calc-chart-svg").replaceChildren(graphic);

  byId("calc-years-table").tBodies[0].replaceChildren(...chart.years.map((year) => {
    const row = el("tr");
    const head = el("th", null, year.label);
    head.scope = "row";
    head.append(el("span", "range", year.range));
    row.append(head, ...year.figures.map((amount) => el("td", "num", String(amount))));
    return row;
  }));
}

/** What did not count; nothing at all, heading included, before anything
 * is entered. */
function renderNotCounted(entries, entered) {
  byId("calc-not-counted-box").hidden = !entered;
  const list = byId("calc-not-counted");
  if (!entries.length) {
    list.replaceChildren(el("li", "none", t("calc_not_counted_none")));
    return;
  }
  list.replaceChildren(...entries.map((entry) => {
    const item = el("li");
    item.append(runs(entry.text));
    item.dataset.item = entry.item;
    item.dataset.reason = entry.reason;
    item.dataset.lost = String(entry.credits_lost);
    if (entry.with) {
      item.dataset.with = entry.with;
    }
    return item;
  }));
}

function planOption(option, i) {
  const item = el("li", i === 0 ? "best" : "alternative");
  const line = el("p");
  line.append(runs(option.line));
  item.append(line);
  option.all.forEach((choices) => {
    const more = el("details", "choices");
    more.append(el("summary", null, choices.summary));
    const list = el("ul");
    choices.meetings.forEach((meeting) => {
      const choice = el("li");
      choice.append(runs(meeting.name), " ", el("span", "count", meeting.credits));
      list.append(choice);
    });
    more.append(list);
    item.append(more);
  });
  return item;
}

function renderPlan(plan) {
  const box = byId("calc-plan");
  box.dataset.ended = String(plan.ended);
  if (plan.message !== null) {
    // Short, and too late for a plan: it says why there is none.
    box.replaceChildren(el("p", plan.too_late ? "plan-ended" : null, plan.message));
    return;
  }
  const list = el("ul", "plan-options");
  list.append(...plan.options.map(planOption));
  box.replaceChildren(el("p", "hint", t("calc_plan_intro")), list);
}

/** The details of the view; `entered` when the record holds an entry. */
export function renderDetails(details, entered) {
  byId("calc-details").hidden = !details;
  if (!details) {
    return;
  }
  const papers = details.paper_credits;
  byId("calc-paper-earned").textContent = String(papers.earned);
  byId("calc-paper-after-year").textContent = String(papers.after_year_caps);
  byId("calc-paper-counted").textContent = String(papers.counted);
  renderChart(details.chart);
  renderNotCounted(details.not_counted, entered);
  renderPlan(details.plan);
}
