// Small enhancements; every page works without them. Kept in a file (not inline)
// so the Content-Security-Policy allows scripts from this site only.
(function () {
    "use strict";

    // Print buttons on printable sheets.
    document.querySelectorAll("[data-print]").forEach((button) => {
        button.addEventListener("click", () => window.print());
    });

    // Show chosen photos before the (possibly slow) upload.
    document.querySelectorAll("input[data-preview-into]").forEach((input) => {
        input.addEventListener("change", (event) => {
            const preview = document.querySelector(input.dataset.previewInto);
            preview.replaceChildren(...[...event.target.files].map((file) => {
                const img = document.createElement("img");
                img.src = URL.createObjectURL(file);
                img.alt = file.name;
                return img;
            }));
        });
    });

    // A claim code from the QR code's link (#ma=…): the fragment never reaches the server.
    const claimCode = document.querySelector("input[name=code][data-from-fragment]");
    const match = window.location.hash.match(/^#ma=([A-Za-z0-9-]{1,20})$/);
    if (claimCode && match) {
        claimCode.value = match[1];
        history.replaceState(null, "", window.location.pathname);
    }
})();
