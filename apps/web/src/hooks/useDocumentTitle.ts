import { useEffect } from "react";

/** The tab names the page, most specific part first, then the product: "deploy · run 3f2a… · Milo". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Milo` : "Milo";
  }, [title]);
}
