// The published Kaplan–Meier figures, read from the project's transcription
// of the paper (reference/published.toml, the project's copy) so that the end-to-end
// tests never retype a number. Only the flat [[km]] blocks are read: their
// endpoint, marker, medians, hazard ratio and log-rank p.
import { readFileSync } from "node:fs";

export const PUBLISHED_TOML = new URL("../reference/published.toml", import.meta.url).pathname;

/** The page's endpoint codes and their names in published.toml. */
export const ENDPOINT_KEYS = {
  os: "overall_survival",
  pfs: "progression_free_survival",
  ttld: "time_to_liver_dysfunction",
};

function value(raw) {
  const text = raw.trim();
  if (text.startsWith('"')) return text.slice(1, text.indexOf('"', 1));
  return text;
}

/** [{ endpoint, marker, low, high, hr, p }] with medians in months. */
export function publishedKm(path = PUBLISHED_TOML) {
  const text = readFileSync(path, "utf8");
  return text
    .split(/^\[\[/m)
    .filter((block) => block.startsWith("km]]"))
    .map((block) => {
      const fields = {};
      for (const line of block.split("\n").slice(1)) {
        const match = line.match(/^(\w+)\s*=\s*(.*)$/);
        if (!match) continue;
        // Drop a trailing comment (none of these values contains a '#').
        fields[match[1]] = match[2].replace(/\s+#.*$/, "");
      }
      const median = (group) => {
        const m = (fields[group] ?? "").match(/median = ([\d.]+)/);
        return m ? Number(m[1]) : null;
      };
      return {
        endpoint: value(fields.endpoint ?? ""),
        marker: value(fields.marker ?? ""),
        low: median("low"),
        high: median("high"),
        hr: fields.hr === undefined ? null : Number(fields.hr),
        p: fields.p_logrank === undefined ? null : value(fields.p_logrank),
      };
    });
}
