// The budget's drag and drop: reorder a section's lines for a day, or drop a
// line on a person to assign it. Everything also works without script,
// through the budget's form (move up/down, tick and assign); this only
// sends the same requests sooner. No library, no inline script (CSP).
(() => {
  "use strict";

  const form = document.getElementById("budget-form");
  if (!form) return;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let dragged = null;

  function groupOf(row) {
    return `${row.dataset.section}|${row.dataset.day}`;
  }

  function sameGroup(row) {
    return [...row.parentElement.querySelectorAll("tr.planning-line")].filter(
      (other) => groupOf(other) === groupOf(row),
    );
  }

  function clearMarks() {
    document.querySelectorAll(".is-drop-before, .is-target").forEach((node) => {
      node.classList.remove("is-drop-before", "is-target");
    });
  }

  function fail(message) {
    // Say what went wrong, then show the budget as the server has it.
    window.alert(message);
    window.location.reload();
  }

  async function send(url, body, headers) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json", ...headers },
      body,
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { error: response.statusText };
    }
    if (!response.ok || data.error) throw new Error(data.error || response.statusText);
    return data;
  }

  async function saveOrder(row) {
    const order = sameGroup(row).map((line) => line.dataset.line);
    try {
      await send(
        form.dataset.reorder,
        JSON.stringify({ section: row.dataset.section, day: row.dataset.day, order }),
        { "Content-Type": "application/json" },
      );
      row.dataset.saved = "true";
    } catch (error) {
      fail(error.message);
    }
  }

  async function assign(row, userId) {
    const body = new FormData();
    body.append("line", row.dataset.line);
    body.append("assignee", userId);
    body.append("assign", "1");
    try {
      await send(form.action, body, {});
      window.location.reload();
    } catch (error) {
      fail(error.message);
    }
  }

  form.addEventListener("dragstart", (event) => {
    const row = event.target.closest && event.target.closest("tr.planning-line[draggable=true]");
    if (!row) return;
    dragged = row;
    row.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.line);
  });

  form.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    clearMarks();
  });

  form.addEventListener("dragover", (event) => {
    const row = event.target.closest && event.target.closest("tr.planning-line");
    if (!dragged || !row || row === dragged || groupOf(row) !== groupOf(dragged)) return;
    event.preventDefault();
    clearMarks();
    row.classList.add("is-drop-before");
  });

  form.addEventListener("drop", (event) => {
    const row = event.target.closest && event.target.closest("tr.planning-line");
    if (!dragged || !row || row === dragged || groupOf(row) !== groupOf(dragged)) return;
    event.preventDefault();
    const moved = dragged;
    const rows = sameGroup(row);
    const after = rows.indexOf(moved) < rows.indexOf(row);
    row.parentElement.insertBefore(moved, after ? row.nextSibling : row);
    clearMarks();
    saveOrder(moved);
  });

  document.querySelectorAll(".planning-person").forEach((person) => {
    person.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      clearMarks();
      person.classList.add("is-target");
    });
    person.addEventListener("dragleave", () => person.classList.remove("is-target"));
    person.addEventListener("drop", (event) => {
      if (!dragged) return;
      event.preventDefault();
      const row = dragged;
      clearMarks();
      assign(row, person.dataset.user);
    });
  });
})();
