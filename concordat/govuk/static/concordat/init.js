import { initAll } from '../govuk/govuk-frontend.min.js'
initAll()

// Wide tables scroll inside their own box, never the page (WCAG 1.4.10: reflow at 320 CSS px). Every GOV.UK
// table not already in a .concordat-table-scroll box is put in one; while a box actually scrolls, it is a named
// region that takes keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1).
const boxes = []
for (const table of document.querySelectorAll('table.govuk-table')) {
  let box = table.parentElement
  if (!box.classList.contains('concordat-table-scroll')) {
    box = document.createElement('div')
    box.className = 'concordat-table-scroll'
    table.replaceWith(box)
    box.append(table)
  }
  boxes.push(box)
}
const label = (box) => box.querySelector('caption')?.textContent.trim().replace(/\s+/g, ' ') || 'Table'
const update = () => {
  for (const box of boxes) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute('role', 'region')
      box.setAttribute('aria-label', `${label(box)} (scrolls sideways)`)
      box.tabIndex = 0
    } else {
      box.removeAttribute('role')
      box.removeAttribute('aria-label')
      box.removeAttribute('tabindex')
    }
  }
}
update()
if (boxes.length && 'ResizeObserver' in window) new ResizeObserver(update).observe(document.documentElement)
