/** Styles of Sigilo's own UI (inside its shadow root; host CSS cannot reach it). */
export const UI_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.backdrop { position: fixed; inset: 0; background: rgba(15, 20, 30, 0.45); display: flex; align-items: center; justify-content: center; }
.dialog { background: #fff; color: #1b1f24; border-radius: 10px; padding: 20px 22px; width: min(440px, calc(100vw - 32px)); max-height: calc(100vh - 40px); overflow: auto; box-shadow: 0 12px 40px rgba(0,0,0,.35); font-size: 14px; line-height: 1.4; }
.dialog h2 { font-size: 17px; margin: 0 0 6px; }
.dialog p { margin: 0 0 12px; }
.meta { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 12px; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; font-family: ui-monospace, monospace; }
fieldset { border: 1px solid #c9ced6; border-radius: 8px; margin: 0 0 12px; padding: 8px 12px; }
legend { font-weight: 600; padding: 0 4px; }
label.reason { display: flex; gap: 8px; align-items: center; padding: 4px 0; cursor: pointer; }
textarea { width: 100%; min-height: 56px; font-size: 14px; padding: 6px; border: 1px solid #9aa3ad; border-radius: 6px; }
.error { color: #b00020; margin: 0 0 10px; font-weight: 600; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 6px; }
button { font-size: 14px; padding: 7px 14px; border-radius: 6px; border: 1px solid #8a939e; background: #f3f5f7; color: #1b1f24; cursor: pointer; }
button.primary { background: #1a56db; border-color: #1a56db; color: #fff; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
button[disabled] { opacity: .6; cursor: progress; }
.toasts { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px; }
.toast { background: #1b1f24; color: #fff; border-radius: 8px; padding: 8px 10px 8px 14px; display: flex; gap: 12px; align-items: center; font-size: 14px; box-shadow: 0 6px 20px rgba(0,0,0,.3); }
.toast button { padding: 4px 10px; }
.frame-layer { position: fixed; inset: 0; }
.frame-layer iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: transparent; color-scheme: normal; }
.toast.notice { background: #7a1020; }
ul.list { list-style: none; margin: 0 0 12px; padding: 0; max-height: 50vh; overflow: auto; border: 1px solid #c9ced6; border-radius: 6px; }
ul.list li { padding: 6px 10px; cursor: pointer; display: flex; flex-direction: column; gap: 2px; }
ul.list li[aria-selected="true"] { background: #1a56db; color: #fff; }
ul.list li[aria-disabled="true"] { color: #5f6670; cursor: default; }
ul.list li[aria-selected="true"][aria-disabled="true"] { color: #fff; }
ul.list .value { font-family: ui-monospace, monospace; }
ul.list .context { font-size: 12.5px; }
.list-dialog { width: min(560px, calc(100vw - 32px)); }
.list-dialog input { width: 100%; font-size: 15px; padding: 7px 9px; border: 1px solid #5f6670; border-radius: 6px; margin: 0 0 6px; }
.hint { color: #3d434b; font-size: 13px; }
.count { font-size: 13px; margin: 0 0 6px !important; }
.required { color: #8a1020; font-weight: 600; }
.sr-only { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.pill { position: fixed; display: flex; gap: 6px; align-items: center; background: #1b1f24; color: #fff; border-radius: 999px; padding: 3px 4px 3px 10px; font-size: 13px; box-shadow: 0 4px 14px rgba(0,0,0,.3); }
.pill.docked { right: 16px; bottom: 16px; }
.pill button { padding: 3px 10px; border-radius: 999px; font-size: 13px; }
.entry { position: fixed; left: 8px; bottom: 8px; transform: translateY(calc(100% + 16px)); background: #1a56db; color: #fff; border-color: #1a56db; }
.entry:focus { transform: none; }
.field-mirror { position: fixed; box-sizing: border-box; border-style: solid; border-color: transparent; overflow: hidden; pointer-events: none; display: flex; align-items: center; white-space: pre; background: transparent; }
.field-mirror.multiline { display: block; white-space: pre-wrap; overflow-wrap: break-word; }
.field-mirror, .field-mirror * { font-family: inherit; }
.field-mirror .mirror-text { flex: none; }
@media print { .field-mirror, .pill, .entry, .hover-target { display: none !important; } }
.hover-target { position: fixed; cursor: pointer; background: transparent; }
`;
