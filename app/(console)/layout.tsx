import Link from 'next/link'
import type { ReactNode } from 'react'
import { ChannelSwitcher } from '@/components/channel-switcher'
import { ConsoleMenu } from '@/components/console-menu'
import { NavLink } from '@/components/nav-link'
import { SectionCrumb } from '@/components/section-crumb'
import { logoutAction } from '@/app/login/actions'
import { requirePageUser } from '@/lib/auth/current'
import { currentChannel } from '@/lib/channels/queries'
import { pageData } from '@/lib/console/page-data'
import { paymentManagementLinks, paymentsLinks, settingsLinks } from '@/lib/console/navigation'

/** The sidebar's sections: payment management's links sit under a subheading, the others are top-level entries. */
const MENU = [
  { heading: 'Sales Channels', subheading: 'Payment Management', links: paymentManagementLinks, top: false },
  { heading: 'Payments', links: paymentsLinks, top: true },
  { heading: 'Settings', links: settingsLinks, top: true },
]

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // A database outage here becomes the "temporarily unavailable" page (app/error.tsx), not a 500 page.
  const user = await pageData(requirePageUser)
  const { channels, channel } = await pageData(currentChannel)
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>₺</span> Payment Console
        </div>
        <ConsoleMenu>
          <nav aria-label="Main">
            {MENU.map((section) => (
              <div className="nav-section" key={section.heading}>
                <div className="nav-heading">{section.heading}</div>
                {section.subheading ? <div className="nav-subheading">{section.subheading}</div> : null}
                <ul className="nav-list">
                  {section.links.map((link) => (
                    <li key={link.href}>
                      <NavLink href={link.href} top={section.top}>
                        {link.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
          <div className="sidebar-footer">
            <div className="user-email">{user.email}</div>
            <div className="user-role">{user.role === 'admin' ? 'Administrator' : 'Viewer (read-only)'}</div>
            <Link className="link-button" href="/accounts/password">
              Change password
            </Link>
            <form action={logoutAction}>
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          </div>
        </ConsoleMenu>
      </aside>
      <div className="main">
        <header className="topbar">
          <SectionCrumb />
          <ChannelSwitcher channels={channels} current={channel?.id} />
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  )
}
