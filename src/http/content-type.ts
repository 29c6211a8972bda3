// Content-Type headers as the routes judge them: the media type alone, parameters dropped.

/** The media type of a Content-Type header, without parameters (`charset` …), in lower case. */
export function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';', 1)[0].trim().toLowerCase();
}
