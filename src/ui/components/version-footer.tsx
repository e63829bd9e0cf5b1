/**
 * "Sigilo 0.1.1" at the foot of a page, so an agent, admin or supervisor can say
 * which release they are looking at (support, CHANGELOG.md). The product name
 * and a version number read the same in every language. Styled inline: the
 * popup and options pages do not load components.css.
 */
export function VersionFooter({ version }: { version: string }) {
  return (
    <footer class="sg-version" style={{ marginTop: '1em', fontSize: '0.8em', opacity: 0.75 }}>
      Sigilo {version}
    </footer>
  );
}
