// The bell in the desk's header: asks how many notifications are unread every
// few seconds while the page is on screen (less often when it is hidden; on a
// story form the presence heartbeat brings the count instead), and
// says the newest aloud. Also draws the "follow this story" line on a story's
// screens. Words come from the templates.
"use strict";
{
    const bell = document.querySelector("[data-notif-bell]");
    const VISIBLE_EVERY = 2500;
    const HIDDEN_EVERY = 30000;
    // On a story form the presence heartbeat (every 4 s) brings the count;
    // the bell asks on its own again only if no beat came for this long.
    const BEAT_GRACE = 6000;
    const csrf = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value
        || (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";

    let known = null;
    let timer = null;
    let pulsed = -Infinity;  // when a heartbeat last brought the count
    const beating = () => Date.now() - pulsed < BEAT_GRACE;
    // The next look: after the grace while heartbeats bring the count (one
    // may have come while the bell's own request was on its way), else soon.
    const later = () => (document.hidden ? HIDDEN_EVERY : beating() ? BEAT_GRACE : VISIBLE_EVERY);
    const show = ({count, latest}) => {
        const badge = bell.querySelector("[data-notif-count]");
        badge.hidden = count === 0;
        badge.textContent = count.toLocaleString(document.documentElement.lang || undefined);
        badge.title = count === 1 ? badge.dataset.labelOne : `${badge.textContent} ${badge.dataset.labelMany}`;
        bell.classList.toggle("notif-bell--unread", count > 0);
        if (known !== null && count > known && latest.length) {
            bell.querySelector("[data-notif-news]").textContent = latest[0].text;
        }
        known = count;
    };
    const poll = async () => {
        clearTimeout(timer);
        try {
            const response = await fetch(bell.dataset.pollUrl, {credentials: "same-origin", cache: "no-store"});
            if (response.ok) show(await response.json());
        } catch (error) {
            // The connection dropped: keep the last count and ask again later.
        }
        clearTimeout(timer);
        timer = setTimeout(poll, later());
    };

    const follow = async (box, value) => {
        const options = {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}};
        if (value !== undefined) {
            const body = new FormData();
            body.append("follow", value);
            Object.assign(options, {method: "POST", body, headers: {...options.headers, "X-CSRFToken": csrf()}});
        }
        const response = await fetch(box.dataset.url, options);
        if (response.ok) box.innerHTML = await response.text();
    };

    if (bell) {
        poll();
        document.addEventListener("visibilitychange", () => { if (!document.hidden && !beating()) poll(); });
        document.addEventListener("newsroom:pulse", (event) => {
            const answer = event.detail && event.detail["notifications.bell"];
            if (!answer) return;
            pulsed = Date.now();
            show(answer);
            clearTimeout(timer);
            timer = setTimeout(poll, later());
        });
    }
    for (const box of document.querySelectorAll("[data-notif-follow]")) {
        follow(box);
        box.addEventListener("click", (event) => {
            const button = event.target.closest("[data-follow]");
            if (button) follow(box, button.dataset.follow);
        });
    }
}
