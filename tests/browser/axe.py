"""axe-core (as bundled by axe-playwright-python) run in a page as Chromium rendered it.

Only what the tests read comes back from the browser: every violation in full, and of every
other rule axe-core ran just its id. Its whole answer is about 50 KB a page, which cost
about 70 ms a page to serialise for nothing.
"""

from axe_playwright_python.base import AXE_SCRIPT

BLOCKING_IMPACTS = {"critical", "serious"}

_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  const rules = [...results.passes, ...results.violations, ...results.incomplete,
                 ...results.inapplicable];
  return {violations: results.violations, ran: rules.map(rule => rule.id)};
}"""


def run_axe(page) -> tuple[list[dict], set[str]]:
    """axe-core's violations on the page, and the ids of every rule it ran there."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate(_RUN)
    return results["violations"], set(results["ran"])


def blocking(violations: list[dict]) -> list[str]:
    """Each node of each critical or serious violation: its rule, impact and markup."""
    return [
        f"{violation['id']} ({violation['impact']}) {node['target']} {node['html'][:160]}"
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]
