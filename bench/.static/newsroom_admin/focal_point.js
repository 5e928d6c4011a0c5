// The image form's focal point: click the picture where crops must stay
// centred; the two number fields follow. Works on a new upload too.
"use strict";
{
    const start = () => {
        const box = document.querySelector("[data-focal-point]");
        const x = document.getElementById("id_focal_x");
        const y = document.getElementById("id_focal_y");
        if (!box || !x || !y) return;
        const image = box.querySelector("[data-focal-image]");
        const marker = box.querySelector(".focal-point__marker");
        const place = () => {
            // Measured from the top-left corner whatever the page's direction,
            // as the model's help text says.
            marker.style.left = `${(Number(x.value) || 0) * 100}%`;
            marker.style.top = `${(Number(y.value) || 0) * 100}%`;
            marker.hidden = image.hidden;
        };
        box.addEventListener("click", (event) => {
            const rect = image.getBoundingClientRect();
            x.value = ((event.clientX - rect.left) / rect.width).toFixed(3);
            y.value = ((event.clientY - rect.top) / rect.height).toFixed(3);
            place();
        });
        x.addEventListener("input", place);
        y.addEventListener("input", place);
        const file = document.getElementById("id_file");
        if (file) {
            file.addEventListener("change", () => {
                if (!file.files.length) return;
                image.src = URL.createObjectURL(file.files[0]);
                image.hidden = false;
                place();
            });
        }
        place();
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
