/**
 * The subset of LINE message objects the product sends, as plain JSON. Kept here rather than
 * using the SDK's generated classes so builders stay short; the shapes are those of the
 * Messaging API reference and the fake platform checks them in tests.
 */
export type LineAction =
  | { type: 'postback'; label: string; data: string; displayText?: string }
  | { type: 'message'; label: string; text: string }
  | { type: 'uri'; label: string; uri: string }
  | {
      type: 'datetimepicker';
      label: string;
      data: string;
      mode: 'date' | 'time' | 'datetime';
      initial?: string;
      min?: string;
      max?: string;
    };

export interface QuickReply {
  items: { type: 'action'; action: LineAction }[];
}

export type FlexComponent =
  | {
      type: 'text';
      text: string;
      wrap?: boolean;
      size?: string;
      weight?: 'regular' | 'bold';
      color?: string;
      flex?: number;
      margin?: string;
    }
  | {
      type: 'button';
      action: LineAction;
      style?: 'primary' | 'secondary' | 'link';
      height?: 'sm' | 'md';
      margin?: string;
      color?: string;
    }
  | { type: 'separator'; margin?: string }
  | {
      type: 'box';
      layout: 'vertical' | 'horizontal' | 'baseline';
      contents: FlexComponent[];
      spacing?: string;
      margin?: string;
      paddingAll?: string;
      backgroundColor?: string;
    };

export interface FlexBubble {
  type: 'bubble';
  size?: 'nano' | 'micro' | 'kilo' | 'mega' | 'giga';
  header?: Extract<FlexComponent, { type: 'box' }>;
  body?: Extract<FlexComponent, { type: 'box' }>;
  footer?: Extract<FlexComponent, { type: 'box' }>;
}

export type LineMessage =
  | { type: 'text'; text: string; quickReply?: QuickReply }
  | {
      type: 'flex';
      altText: string;
      contents: FlexBubble | { type: 'carousel'; contents: FlexBubble[] };
      quickReply?: QuickReply;
    };
