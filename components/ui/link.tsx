import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Next's Link without prefetching, for every in-app link. Every Vigil page is
 * rendered per request from the latest snapshot, so there is nothing static to
 * prefetch, and a list page's chips, sort headers, pager and nav would prefetch
 * some thirty pages each time it is shown: thirty requests per person per
 * click. A click fetches the one page it opens.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
