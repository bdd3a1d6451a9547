'use client'

import { usePathname } from 'next/navigation'
import { useEffect, useState, type ReactNode } from 'react'

/**
 * The sidebar's menu and account block. On a desktop it is always shown (the toggle is hidden by CSS);
 * at phone width it folds behind a "Menu" button so a page starts with its own content, and it folds
 * again after each navigation.
 */
export function ConsoleMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false)
  const pathname = usePathname()
  useEffect(() => setOpen(false), [pathname])
  return (
    <>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="console-menu" onClick={() => setOpen((was) => !was)}>
        <span aria-hidden className="menu-toggle-icon">{open ? '✕' : '☰'}</span> Menu
      </button>
      <div id="console-menu" className={`sidebar-menu${open ? ' open' : ''}`}>
        {children}
      </div>
    </>
  )
}
