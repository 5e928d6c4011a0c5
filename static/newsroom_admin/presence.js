// Presence on the story form: a heartbeat every few seconds says this tab
// is here, typing or idle, with or without unsaved changes; the answer is
// the panel of who else is here (drawn and translated by the server), with
// any take-over or parallel revision to know about. Without this file the
// panel still shows who was here when the page was drawn.
"use strict";
{
    const TYPING_MS = 3000;

    const start = () => {
        const panel = document.querySelector("[data-presence]");
        const form = document.getElementById("article_form");
        if (!panel || !form) return;
        const body = panel.querySelector("[data-presence-body]");
        const every = Number(panel.dataset.beatMs) || 4000;
        const tab = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)).replace(/-/g, "").slice(0, 32);
        const token = () => (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";
        let lastInput = 0;
        let unsaved = false;
        let sent = null;
        let timer = null;
        let inFlight = false;
        let shown = "";  // the fingerprint of the panel on screen: the server draws it again only when it changed

        const state = () => ({typing: Date.now() - lastInput < TYPING_MS, unsaved});
        // A pass from the last full answer lets the next beats that change
        // nothing be answered quietly, without the panel or the pulse; the
        // fields go URL-encoded, which is what the quiet answer reads.
        let pass = "";
        let pulse = null;
        const fields = (extra) => {
            const data = new URLSearchParams();
            data.append("csrfmiddlewaretoken", token());
            data.append("tab", tab);
            for (const [key, value] of Object.entries(extra)) data.append(key, value ? "1" : "0");
            if (shown) data.append("shown", shown);
            if (pass) data.append("pass", pass);
            return data;
        };

        let understood = false;
        const show = (answer) => {
            // A quiet answer: nothing this person sees changed, the last pulse still holds.
            if (!answer.quiet) {
                pass = typeof answer.pass === "string" ? answer.pass : "";
                pulse = answer.pulse || null;
            }
            // What the desk's other scripts are told with each beat (the bell's count).
            if (pulse) document.dispatchEvent(new CustomEvent("newsroom:pulse", {detail: pulse}));
            if (typeof answer.html !== "string") return;  // "same": the panel on screen still holds
            body.innerHTML = answer.html;
            shown = typeof answer.shown === "string" ? answer.shown : "";
            panel.toggleAttribute("data-taken-over", Boolean(answer.taken_over));
            const told = body.querySelector("[data-presence-taken-over]");
            if (told && understood) told.hidden = true;
        };
        body.addEventListener("click", (event) => {
            const hide = event.target.closest("[data-presence-hide]");
            if (!hide) return;
            understood = true;
            hide.closest("[data-presence-taken-over]").hidden = true;
        });

        // A panel taken out of the page (or without an address) stops beating.
        const here = () => panel.isConnected && Boolean(panel.dataset.beatUrl);

        const beat = async () => {
            clearTimeout(timer);
            if (!here()) return;
            timer = setTimeout(beat, every);
            if (inFlight) return;
            inFlight = true;
            const now = state();
            try {
                const response = await fetch(panel.dataset.beatUrl, {
                    method: "POST",
                    body: fields(now),
                    credentials: "same-origin",
                    headers: {"Accept": "application/json"},
                });
                sent = now;
                if (response.ok && (response.headers.get("Content-Type") || "").includes("json")) {
                    show(await response.json());
                } else {
                    pass = "";  // refused, signed out or failing: the next beat asks in full
                }
            } catch (error) {
                // Offline or the server is restarting: the next beat tries again.
            } finally {
                inFlight = false;
            }
        };

        const changed = () => {
            lastInput = Date.now();
            unsaved = true;
            const now = state();
            // Say at once that typing started or unsaved changes appeared, then
            // again when typing stops.
            if (!sent || sent.typing !== now.typing || sent.unsaved !== now.unsaved) beat();
            setTimeout(() => { if (sent && sent.typing && !state().typing) beat(); }, TYPING_MS + 50);
        };
        form.addEventListener("input", changed);
        form.addEventListener("change", changed);
        form.addEventListener("submit", () => { unsaved = false; });

        panel.addEventListener("submit", async (event) => {
            const takeOver = event.target.closest("[data-presence-take-over]");
            if (!takeOver) return;
            event.preventDefault();
            try {
                const response = await fetch(takeOver.action, {
                    method: "POST",
                    body: new FormData(takeOver),
                    credentials: "same-origin",
                    headers: {"Accept": "application/json"},
                });
                if (response.ok) show(await response.json());
                else takeOver.submit();
            } catch (error) {
                takeOver.submit();
            }
        });

        window.addEventListener("pagehide", () => {
            if (here() && navigator.sendBeacon) navigator.sendBeacon(panel.dataset.leaveUrl, fields({}));
        });
        beat();
    };

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
}
