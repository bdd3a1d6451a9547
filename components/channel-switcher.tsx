'use client'

import { useRef } from 'react'
import { switchChannelAction } from '@/lib/channels/actions'
import { KeptSelect } from './kept-controls'

export function ChannelSwitcher({ channels, current }: { channels: { id: number; name: string }[]; current?: number }) {
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={switchChannelAction} className="row" style={{ gap: 8 }}>
      <label htmlFor="channel-switcher" className="muted" style={{ fontSize: 13 }}>
        Sales channel
      </label>
      {/* A channel chosen before hydration is switched to once the page is interactive. */}
      <KeptSelect
        id="channel-switcher"
        name="channel"
        className="select"
        style={{ width: 190, height: 32 }}
        defaultValue={current}
        onChange={() => formRef.current?.requestSubmit()}
      >
        {channels.map((channel) => (
          <option key={channel.id} value={channel.id}>
            {channel.name}
          </option>
        ))}
      </KeptSelect>
      <noscript>
        <button type="submit" className="btn btn-sm">Switch</button>
      </noscript>
    </form>
  )
}
