/** Schema text as one Markdown table cell: pipes escaped, lines joined. */
export function markdownCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim();
}
