import type { ComponentChildren, JSX } from 'preact';
import { isPlainClick, navigate } from '../lib/router';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

/** An <a> that navigates inside the app without reloading the page. */
export function Link({ href, children, class: cls, ...rest }: Props) {
  const onClick = (e: MouseEvent) => {
    if (!isPlainClick(e)) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={cls ?? 'utrecht-link utrecht-link--html-a'} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
