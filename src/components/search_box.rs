//! The search box, with a short syntax help.

use leptos::prelude::*;

#[component]
pub fn SearchBox(
    /// The query to show.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new query on every keystroke.
    on_input: Callback<String>,
    #[prop(into)] placeholder: String,
) -> impl IntoView {
    view! {
        <form class="search-box" role="search" on:submit=|ev| ev.prevent_default()>
            <input
                type="search"
                name="q"
                aria-label="Search the corpus"
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <details class="syntax-help">
                <summary aria-label="Search syntax">"?"</summary>
                <div class="syntax-popup">
                    <p><strong>"Search syntax"</strong></p>
                    <table>
                        <tbody>
                            <tr><td><code>"nhs palantir"</code></td><td>"both words; "<code>"contract"</code>" also finds "<code>"contracts"</code></td></tr>
                            <tr><td><code>"nhs OR foxglove"</code></td><td>"either word"</td></tr>
                            <tr><td><code>"-israel"</code>", "<code>"NOT israel"</code></td><td>"leave out documents with it"</td></tr>
                            <tr><td><code>"(a OR b) c"</code></td><td>"grouping"</td></tr>
                            <tr><td><code>"\"data platform\""</code></td><td>"the words together, in order"</td></tr>
                            <tr><td><code>"\"data platform\"~5"</code>", "<code>"data NEAR/5 platform"</code></td><td>"within 5 words of each other"</td></tr>
                            <tr><td><code>"genoc*"</code></td><td>"words starting with "<code>"genoc"</code></td></tr>
                            <tr><td><code>"insurence~"</code></td><td>"words within 1–2 typos ("<code>"~2"</code>" for two); long words that match nothing are corrected, "<code>"word~0"</code>" never"</td></tr>
                            <tr><td><code>"title:palantir"</code></td><td>"in one field: "<code>"title"</code>", "<code>"body"</code>", "<code>"source"</code>", "<code>"author"</code>", "<code>"tag"</code>", or any metadata key"</td></tr>
                            <tr><td><code>"date:2024-01..2024-06"</code></td><td>"dated in that range; "<code>"date:2024"</code>", "<code>"date:..2023"</code>" too"</td></tr>
                        </tbody>
                    </table>
                    <p>"Case, accents and punctuation are ignored: "<code>"£330m"</code>" finds “£330m” and “£330 m”. Operators are upper case."</p>
                </div>
            </details>
        </form>
    }
}
