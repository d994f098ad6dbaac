// "Reading your document…": ask again every few seconds and move on only when the reading is done (the page
// answers with a redirect to the review, or no longer waits). No meta refresh: the page does not reload itself
// while someone is reading it (WCAG 2.2.1), and without JavaScript the "refresh it" link does the same.
const waiting = document.querySelector("[data-reading-poll]");
if (waiting) {
  const every = Number(waiting.dataset.readingPoll) * 1000 || 2000;
  const check = async () => {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (response.redirected) {
        window.location.assign(response.url);
        return;
      }
      if (response.ok && !(await response.text()).includes("data-reading-poll")) {
        window.location.reload();
        return;
      }
    } catch {
      // offline for a moment: try again
    }
    window.setTimeout(check, every);
  };
  window.setTimeout(check, every);
}
