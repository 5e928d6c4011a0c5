// The story form never loses what was typed (issue 12).
//
// - A copy in this browser (localStorage, per person and story), written
//   every second while the form differs from what it opened with.
// - A draft copy on the server, sent a few seconds after typing pauses and
//   at least every 30 seconds while there are changes it has not had, never
//   sooner than 10 seconds after the last one it took, never when nothing
//   changed (docs/performance.md: what an open form costs the server).
// - On opening, a copy that says something the form does not is offered
//   back: see what differs (drawn by the server's compare), restore, discard.
// - Saving is sent by this script, so that whatever goes wrong (session
//   ended, stale CSRF token, server error, time-out, a body over the upload
//   limit, no network) the editor stays on the page with the text, is told
//   what happened and can try again; an ended session gets a sign-in box.
// - Leaving with unsaved changes asks first.
//
// Every sentence shown comes translated from the template's data-text-*.
"use strict";
{
    const SECOND = 1000;
    const PAUSE = 3 * SECOND;          // typing paused this long: send
    const AT_LEAST_EVERY = 30 * SECOND; // changes never wait longer than this
    const AT_MOST_EVERY = 10 * SECOND;  // two copies the server took are at least this far apart
    const SAVE_TIMEOUT = 30 * SECOND;
    const COPY_TIMEOUT = 15 * SECOND;
    const SKIPPED = new Set(["csrfmiddlewaretoken", "base_revision"]);
    const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

    const start = (panel, form) => {
        const config = panel.dataset;
        const storageKey = `newsroom:draft-copy:${config.user}:${config.story}`;
        const loginPath = new URL(config.loginUrl, location.href).pathname;
        const status = panel.querySelector("[data-autosave-status]");
        const alertBox = panel.querySelector("[data-autosave-alert]");
        const offer = panel.querySelector("[data-autosave-offer]");

        const text = (name, values = {}) => {
            const key = "text" + name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
            return (config[key] || "").replace(/\{(\w+)\}/g, (_, word) => values[word] ?? "");
        };
        const digits = (value) => config.language === "ar"
            ? String(value).replace(/[0-9]/g, (digit) => ARABIC_DIGITS[digit]) : String(value);
        const clock = (moment) => digits(new Intl.DateTimeFormat("en-GB", {
            hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: config.timeZone || undefined,
        }).format(new Date(moment)));

        // What the form holds --------------------------------------------

        // The editor's own element carries it (tiptap sets ``dom.editor``); its menus are .ProseMirror too.
        const editorsIn = (root) => [...root.querySelectorAll(".ProseMirror")].map((dom) => dom.editor).filter(Boolean);
        const editors = () => editorsIn(form);
        const editorFor = (textarea) => {
            const box = textarea.closest(".prose-editor");
            return box ? editorsIn(box)[0] : undefined;
        };
        // The editor's own serialisation, so a copy and the opened form compare alike.
        const editorHtml = (editor) => {
            const html = editor.getHTML();
            return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
        };

        const values = () => {
            const found = {};
            for (const [name, value] of new FormData(form)) {
                if (SKIPPED.has(name) || name.startsWith("_") || typeof value !== "string") continue;
                (found[name] ||= []).push(value);
            }
            for (const textarea of form.querySelectorAll("textarea[name]")) {
                const editor = editorFor(textarea);
                if (editor && found[textarea.name]) found[textarea.name] = [editorHtml(editor)];
            }
            return found;
        };

        const labels = () => {
            const found = {};
            for (const select of form.querySelectorAll("select[name]")) {
                for (const option of select.selectedOptions) {
                    if (option.value) (found[select.name] ||= {})[option.value] = option.textContent.trim();
                }
            }
            for (const item of form.querySelectorAll("[data-ordered-item]")) {
                const input = item.querySelector("input");
                (found[input.name] ||= {})[input.value] = item.querySelector("[data-ordered-label]").textContent.trim();
            }
            return found;
        };

        const baseField = () => form.querySelector("[name=base_revision]");
        const token = () => form.querySelector("[name=csrfmiddlewaretoken]").value;
        const setToken = (fresh) => {
            for (const input of document.querySelectorAll("[name=csrfmiddlewaretoken]")) input.value = fresh;
        };

        // The copy in this browser -----------------------------------------

        const readLocal = () => {
            try {
                return JSON.parse(localStorage.getItem(storageKey) || "null");
            } catch {
                return null;
            }
        };
        const writeLocal = (snapshot, extra = {}) => {
            const record = {
                values: JSON.parse(snapshot),
                labels: labels(),
                base_revision: baseField()?.value || null,
                base_number: config.headNumber || null,
                saved_at: Date.now(),
                server_at: null,
                ...extra,
            };
            try {
                localStorage.setItem(storageKey, JSON.stringify(record));
            } catch {
                // Storage full or refused: the server copy still has it.
            }
        };
        const markLocalOnServer = (snapshot) => {
            const record = readLocal();
            if (record && JSON.stringify(record.values) === snapshot) {
                record.server_at = Date.now();
                localStorage.setItem(storageKey, JSON.stringify(record));
            }
        };
        const forgetLocal = () => {
            localStorage.removeItem(storageKey);
            if (config.story === "new") return;
            // A story's first save also ends the copy of it as a new story.
            localStorage.removeItem(`newsroom:draft-copy:${config.user}:new`);
        };

        // Talking to the server --------------------------------------------

        const path = (url) => new URL(url, location.href).pathname;

        // One request; answers what happened as a word the callers act on.
        const send = async (url, {body = null, timeout = COPY_TIMEOUT, headers = {}} = {}) => {
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(), timeout);
            try {
                const response = await fetch(url, {
                    method: body ? "POST" : "GET",
                    body,
                    credentials: "same-origin",
                    headers: {"X-CSRFToken": token(), "X-Requested-With": "fetch", ...headers},
                    signal: controller.signal,
                });
                const type = response.headers.get("Content-Type") || "";
                if (response.redirected && path(response.url) === loginPath) return {outcome: "signed-out", response};
                if (response.status === 403 && !type.includes("json")) return {outcome: "csrf", response};
                if (response.ok) return {outcome: "ok", response, json: type.includes("json") ? await response.json() : null};
                return {outcome: "http", response};
            } catch (error) {
                return {outcome: error.name === "AbortError" ? "timeout" : "network"};
            } finally {
                clearTimeout(timer);
            }
        };

        // A fresh CSRF token after a sign-in or when the page's went stale.
        const refreshToken = async () => {
            const result = await send(config.sessionUrl);
            if (result.outcome !== "ok" || !result.json) return result.outcome === "ok" ? "network" : result.outcome;
            setToken(result.json.csrf_token);
            return "ok";
        };

        // Send, and once more with a fresh token when the token was refused.
        const sendWithToken = async (url, options) => {
            let result = await send(url, options);
            if (result.outcome === "csrf") {
                const refreshed = await refreshToken();
                if (refreshed !== "ok") return {outcome: refreshed};
                result = await send(url, {...options, body: options.rebuild ? options.rebuild() : options.body});
                // Refused again with a fresh token: not the token, then.
                if (result.outcome === "csrf") result.outcome = "http";
            }
            return result;
        };

        const encode = (found, extra = {}) => {
            const body = new URLSearchParams();
            for (const [name, list] of Object.entries(found)) for (const value of list) body.append(name, value);
            for (const [name, value] of Object.entries(extra)) if (value != null) body.append(name, value);
            return body;
        };

        // The status line and the alert -----------------------------------

        const show = (message) => {
            status.textContent = message;
        };
        // What the alert is about: a failed save stays until it is tried
        // again; a draft copy's trouble goes once a copy gets through.
        let alertFor = null;
        const alarm = (message, {retry = null, signIn = false, about = "save"} = {}) => {
            alertFor = about;
            alertBox.hidden = false;
            alertBox.querySelector("[data-autosave-alert-text]").textContent = message;
            const retryButton = alertBox.querySelector("[data-autosave-retry]");
            retryButton.hidden = !retry;
            retryButton.onclick = retry;
            const signInButton = alertBox.querySelector("[data-autosave-sign-in]");
            signInButton.hidden = !signIn;
            signInButton.onclick = () => signInBox(retry || (() => sendCopy()));
        };
        const calm = () => {
            alertBox.hidden = true;
        };

        // State --------------------------------------------------------------

        let opened = null;      // the form as it opened (a revision, or empty)
        let last = null;        // the form at the last look
        let onServer = null;    // what the server's draft copy holds
        let changedAt = 0;      // when the form last changed
        let waitingSince = 0;   // since when the server has lacked a change
        let copiedAt = 0;       // when the last copy the server took was sent
        let sending = false;
        let saving = false;
        let leaving = false;
        let retryAt = 0;
        let signedOut = false;

        const dirty = () => last !== null && last !== opened;

        const look = () => {
            if (opened === null || saving) return;
            const now = Date.now();
            const snapshot = JSON.stringify(values());
            if (snapshot !== last) {
                last = snapshot;
                changedAt = now;
                if (snapshot !== opened) {
                    writeLocal(snapshot);
                    if (!waitingSince) waitingSince = now;
                    if (!sending && !signedOut && status.dataset.state !== "offline") {
                        status.dataset.state = "unsaved";
                        show(text("unsaved"));
                    }
                }
            }
            const due = last !== onServer && dirty()
                && (now - changedAt >= PAUSE || now - waitingSince >= AT_LEAST_EVERY)
                && now - copiedAt >= AT_MOST_EVERY;
            if (due && !sending && !signedOut && now >= retryAt) sendCopy();
        };

        let copyInFlight = Promise.resolve();

        const sendCopy = () => {
            if (sending || saving) return copyInFlight;
            copyInFlight = sendingCopy();
            return copyInFlight;
        };

        const sendingCopy = async () => {
            sending = true;
            const snapshot = last;
            const sentAt = Date.now();
            const result = await sendWithToken(config.copyUrl, {
                body: encode(JSON.parse(snapshot), {base_revision: baseField()?.value}),
            });
            sending = false;
            if (result.outcome === "ok") {
                onServer = snapshot;
                copiedAt = sentAt;
                waitingSince = last === snapshot ? 0 : Date.now();
                signedOut = false;
                retryAt = 0;
                markLocalOnServer(snapshot);
                status.dataset.state = "saved";
                show(text("saved", {time: result.json?.time || clock(Date.now())}));
                if (alertFor === "copy") calm();
            } else if (result.outcome === "signed-out") {
                signedOut = true;
                status.dataset.state = "signed-out";
                show(text("offline"));
                alarm(text("signed-out"), {signIn: true, about: "copy"});
            } else {
                // No server, no network, or an error: keep it here, try again later.
                retryAt = Date.now() + 5 * SECOND;
                status.dataset.state = "offline";
                show(text("offline"));
            }
        };

        // Saving a revision ------------------------------------------------

        let bypass = false;

        const save = async (submitter) => {
            if (saving) return;
            const snapshot = JSON.stringify(values());
            if (snapshot !== opened) writeLocal(snapshot);
            const build = () => {
                const body = new URLSearchParams(new FormData(form, submitter));
                body.set("csrfmiddlewaretoken", token());
                return body;
            };
            const body = build();
            const limit = Number(config.maxBytes) || 0;
            const size = new TextEncoder().encode(body.toString()).length;
            if (limit && size > limit) {
                const megabytes = (bytes) => digits((bytes / 1048576).toFixed(1));
                alarm(text("fail-size", {size: megabytes(size), limit: megabytes(limit)}));
                return;
            }
            saving = true;
            calm();
            show(text("saving"));
            // A draft copy on its way would land after the revision and outlive it.
            await copyInFlight;
            const result = await sendWithToken(form.action || location.href, {
                body, rebuild: build, timeout: SAVE_TIMEOUT, headers: {"X-Desk-Save": "1"},
            });
            const retry = () => save(submitter);
            // "saving" stays set when the page is left after a save, so no
            // draft copy follows the revision.
            if (result.outcome === "ok" && result.json?.location) {
                const target = result.json.location;
                if (path(target) === loginPath) {
                    saving = false;
                    alarm(text("fail-session"), {retry, signIn: true});
                    signInBox(retry);
                    return;
                }
                // Saved: what was typed is a revision now.
                forgetLocal();
                leaving = true;
                location.assign(target);
                return;
            }
            if (result.outcome === "ok") {
                // The form came back to say something (a field to fix): let
                // the browser post it and draw the answer. Nothing was saved.
                bypass = true;
                leaving = true;
                form.requestSubmit(submitter);
                return;
            }
            saving = false;
            if (result.outcome === "signed-out") {
                alarm(text("fail-session"), {retry, signIn: true});
                signInBox(retry);
                return;
            }
            const status_ = result.response?.status;
            if (result.outcome === "http" && status_ === 400 && limit && size > limit) {
                alarm(text("fail-size", {size: digits((size / 1048576).toFixed(1)), limit: digits((limit / 1048576).toFixed(1))}));
            } else if (result.outcome === "http") {
                alarm(text("fail-server", {status: digits(status_)}), {retry});
            } else if (result.outcome === "timeout") {
                alarm(text("fail-timeout"), {retry});
            } else {
                alarm(text("fail-network"), {retry});
            }
            show(text("offline"));
        };

        form.addEventListener("submit", (event) => {
            if (bypass) return;
            // A button that posts the form elsewhere (preview in a new tab)
            // saves nothing: the browser sends it as it is.
            const by = event.submitter;
            if (by && (by.hasAttribute("formaction") || by.hasAttribute("formtarget"))) return;
            event.preventDefault();
            save(event.submitter);
        });

        // Signing in again without leaving -------------------------------

        let dialog = null;
        let afterSignIn = null;

        const signInBox = (then) => {
            afterSignIn = then;
            if (!dialog) {
                const template = panel.querySelector("[data-autosave-sign-in-template]");
                dialog = template.content.firstElementChild.cloneNode(true);
                document.body.append(dialog);
                const signInForm = dialog.querySelector("form");
                const error = dialog.querySelector("[data-autosave-sign-in-error]");
                dialog.querySelector("[data-autosave-sign-in-cancel]").addEventListener("click", () => dialog.close());
                signInForm.addEventListener("submit", async (event) => {
                    event.preventDefault();
                    error.hidden = true;
                    const outcome = await signIn(new FormData(signInForm));
                    if (outcome === true) {
                        signInForm.reset();
                        dialog.close();
                        signedOut = false;
                        calm();
                        const next = afterSignIn;
                        afterSignIn = null;
                        if (next) next();
                        return;
                    }
                    error.textContent = outcome;
                    error.hidden = false;
                });
            }
            if (!dialog.open) dialog.showModal();
            dialog.querySelector("input[name=username]").focus();
        };

        // The admin's own sign-in page, by fetch: its CSRF token first, then
        // the name and password (django-axes counts and locks as usual).
        // Answers true, or what to tell the person.
        const signIn = async (details) => {
            try {
                const page = await fetch(config.loginUrl, {credentials: "same-origin"});
                if (page.redirected && path(page.url) !== loginPath) {
                    return (await refreshToken()) === "ok" ? true : text("sign-in-failed");
                }
                const html = new DOMParser().parseFromString(await page.text(), "text/html");
                const loginToken = html.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
                const body = new URLSearchParams(details);
                body.set("csrfmiddlewaretoken", loginToken);
                body.set("next", config.sessionUrl);
                const answer = await fetch(config.loginUrl, {method: "POST", body, credentials: "same-origin"});
                if (answer.ok && path(answer.url) === path(config.sessionUrl)) {
                    setToken((await answer.json()).csrf_token);
                    return true;
                }
                const reply = new DOMParser().parseFromString(await answer.text(), "text/html");
                const said = reply.querySelector(".errornote, #content p")?.textContent.trim();
                return said || text("sign-in-failed");
            } catch {
                return text("fail-network");
            }
        };

        // Leaving ---------------------------------------------------------

        window.addEventListener("beforeunload", (event) => {
            if (leaving || !dirty()) return;
            writeLocal(last);
            event.preventDefault();
            event.returnValue = "";
        });
        document.addEventListener("click", (event) => {
            const link = event.target.closest("a[href]");
            if (!link || leaving || !dirty() || event.defaultPrevented) return;
            if (link.target === "_blank" || link.hasAttribute("download")) return;
            const target = new URL(link.href, location.href);
            if (target.pathname === location.pathname && target.search === location.search && target.hash) return;
            if (!window.confirm(text("leave"))) {
                event.preventDefault();
                return;
            }
            leaving = true;
        });

        // The offer of a copy the form does not show ------------------------

        const restoreInto = (copy) => {
            const given = copy.values || {};
            const named = copy.labels || {};
            for (const element of form.elements) {
                const name = element.name;
                if (!name || SKIPPED.has(name) || name.startsWith("_") || element.type === "hidden") continue;
                const list = given[name] || [];
                if (element.type === "checkbox" || element.type === "radio") {
                    element.checked = list.includes(element.value);
                } else if (element.tagName === "SELECT") {
                    if (element.matches("[data-ordered-add]")) continue;
                    for (const value of list) {
                        if (value && !element.querySelector(`option[value="${CSS.escape(value)}"]`)) {
                            element.append(new Option(named[name]?.[value] || value, value));
                        }
                    }
                    for (const option of element.options) option.selected = list.includes(option.value);
                    window.django?.jQuery?.(element).trigger("change");
                } else if (element.tagName === "TEXTAREA" && editorFor(element)) {
                    editorFor(element).commands.setContent(list[0] || "");
                    element.value = list[0] || "";
                } else {
                    element.value = list[0] || "";
                }
            }
            for (const picker of form.querySelectorAll("[data-ordered-picker]")) {
                const name = picker.querySelector("[data-ordered-add]").name;
                picker.querySelectorAll("[data-ordered-item]").forEach((item) => item.remove());
                const add = picker.querySelector("[data-ordered-add]");
                for (const value of (given[name] || []).filter(Boolean)) {
                    add.value = value;
                    add.dispatchEvent(new Event("change"));
                }
            }
            if (copy.base_revision && baseField()) baseField().value = copy.base_revision;
            form.dispatchEvent(new Event("input", {bubbles: true}));
        };

        const offerBack = (copy, where) => {
            offer.hidden = false;
            let said = text(where === "server" ? "offer-server" : "offer-browser", {time: copy.time});
            if (copy.base_number && config.headNumber && String(copy.base_number) !== config.headNumber) {
                said += " " + text("offer-base", {number: digits(copy.base_number), head: digits(config.headNumber)});
            }
            offer.querySelector("[data-autosave-offer-text]").textContent = said;
            const diff = offer.querySelector("[data-autosave-diff]");
            const compareButton = offer.querySelector("[data-autosave-compare]");
            compareButton.onclick = async () => {
                if (!diff.hidden) {
                    diff.hidden = true;
                    compareButton.setAttribute("aria-expanded", "false");
                    return;
                }
                const result = where === "server"
                    ? await send(config.compareUrl)
                    : await sendWithToken(config.compareUrl, {body: encode(copy.values)});
                if (result.outcome !== "ok" || !result.json) {
                    alarm(text("fail-network"));
                    return;
                }
                diff.innerHTML = result.json.html;
                diff.hidden = false;
                compareButton.setAttribute("aria-expanded", "true");
            };
            offer.querySelector("[data-autosave-restore]").onclick = () => {
                restoreInto(copy);
                offer.hidden = true;
                show(text("restored"));
                status.dataset.state = "restored";
            };
            offer.querySelector("[data-autosave-discard]").onclick = async () => {
                offer.hidden = true;
                localStorage.removeItem(storageKey);
                await sendWithToken(config.discardUrl, {body: new URLSearchParams()});
            };
        };

        const offerIfAny = () => {
            const element = document.getElementById("draft-copy-server");
            const server = element ? JSON.parse(element.textContent) : null;
            let local = readLocal();
            if (local && JSON.stringify(local.values) === opened) {
                // The form already says it (it was saved).
                localStorage.removeItem(storageKey);
                local = null;
            }
            if (local && !server && local.server_at && local.server_at >= local.saved_at) {
                // The server had exactly this and let it go: saved as a
                // revision, or discarded on purpose.
                localStorage.removeItem(storageKey);
                local = null;
            }
            if (server) server.moment = Date.parse(server.updated_at);
            if (local) {
                local.moment = local.saved_at;
                local.time = clock(local.saved_at);
            }
            // The browser's copy wins when it holds typing the server never
            // had (a tab closed before the next autosave, no network).
            const unsent = local && !(local.server_at && local.server_at >= local.saved_at);
            if (local && (!server || (unsent && local.moment > server.moment - 5 * SECOND))) offerBack(local, "browser");
            else if (server) offerBack(server, "server");
        };

        // Starting, once the body editors have drawn ------------------------

        const begin = () => {
            opened = JSON.stringify(values());
            last = opened;
            onServer = null;
            offerIfAny();
            setInterval(look, SECOND);
            form.addEventListener("input", look);
            window.addEventListener("online", () => {
                retryAt = 0;
                look();
            });
            window.addEventListener("pagehide", () => {
                if (dirty() && !leaving) writeLocal(last);
            });
        };

        const bodies = form.querySelectorAll("textarea[data-django-prose-editor-configurable], textarea[data-django-prose-editor]").length;
        const waitedSince = Date.now();
        const wait = () => {
            if (editors().length >= bodies || Date.now() - waitedSince > 10 * SECOND) begin();
            else setTimeout(wait, 50);
        };
        wait();
    };

    const boot = () => {
        const panel = document.querySelector("[data-autosave]");
        const form = panel?.closest("form");
        if (panel && form) start(panel, form);
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", boot);
    } else {
        boot();
    }
}
