'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { ReactNode } from 'react'

export function NavLink({ href, children, top = false }: { href: string; children: ReactNode; top?: boolean }) {
  const pathname = usePathname()
  const active = pathname === href || pathname.startsWith(`${href}/`)
  return (
    <Link href={href} className={`nav-link${top ? ' top' : ''}`} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  )
}
