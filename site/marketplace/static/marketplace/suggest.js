// Search-as-you-type for the header box; without JavaScript the form still searches.
(() => {
    const input = document.getElementById("site-search");
    const list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) return;
    let timer;
    input.addEventListener("input", () => {
        clearTimeout(timer);
        const q = input.value.trim();
        if (q.length < 2) return;
        timer = setTimeout(async () => {
            try {
                const response = await fetch(`${input.dataset.suggestUrl}?q=${encodeURIComponent(q)}`);
                const { suggestions } = await response.json();
                list.replaceChildren(...suggestions.map(({ text }) => Object.assign(document.createElement("option"), { value: text })));
            } catch {
                // Suggestions are a convenience: a slow network just means none.
            }
        }, 200);
    });
})();
