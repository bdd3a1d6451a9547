import Link from 'next/link'
import type { ReactNode } from 'react'

export type Crumb = { label: string; href?: string }

/** The title row of every console page: breadcrumbs, h1, a line of context and the page's actions. */
export function PageHeader({ title, description, crumbs, actions }: { title: ReactNode; description?: ReactNode; crumbs?: Crumb[]; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-title">
        {crumbs?.length ? (
          <nav aria-label="Breadcrumb" className="crumbs">
            {crumbs.map((crumb, index) => (
              <span key={index}>
                {index ? (
                  <span aria-hidden className="crumb-sep">
                    ›
                  </span>
                ) : null}
                {crumb.href ? <Link href={crumb.href}>{crumb.label}</Link> : crumb.label}
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  )
}
