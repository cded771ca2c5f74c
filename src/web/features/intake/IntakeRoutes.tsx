import { Stack, Text } from '@mantine/core';
import { roleMayInquiry } from '../../../core/access/inquiryPolicy.js';
import type { Me } from '../../../core/api/auth.js';
import { PageTitle } from '../../components/PageTitle.js';
import { TextLink } from '../../components/TextLink.js';
import { matchPath } from '../../router.js';
import { ImportPage } from './ImportPage.js';
import { InquiryPage } from './InquiryPage.js';
import { IntakeBoardPage } from './IntakeBoardPage.js';
import { NewInquiryPage } from './NewInquiryPage.js';
import { WaitlistPage } from './WaitlistPage.js';

const Message = ({ title, text }: { title: string; text: string }) => (
  <Stack gap="sm">
    <PageTitle>{title}</PageTitle>
    <Text>{text}</Text>
    <Text>
      <TextLink to="/patients">Go to the patient list</TextLink>
    </Text>
  </Stack>
);

/** The intake pages under `/intake`, for roles that work with inquiries. */
export const IntakeRoutes = ({ me, path }: { me: Me; path: string }) => {
  if (!roleMayInquiry(me.role, 'inquiry.read'))
    return <Message title="Not available" text="Your role does not give access to this page." />;
  const writer = roleMayInquiry(me.role, 'inquiry.write');
  if (matchPath('/intake', path)) return <IntakeBoardPage />;
  if (matchPath('/intake/waitlist', path)) return <WaitlistPage />;
  if (matchPath('/intake/new', path))
    return writer ? (
      <NewInquiryPage />
    ) : (
      <Message title="Not available" text="Your role does not record inquiries." />
    );
  if (matchPath('/intake/import', path))
    return writer ? (
      <ImportPage />
    ) : (
      <Message title="Not available" text="Your role does not import referrals." />
    );
  const inquiry = matchPath('/intake/inquiries/:id', path);
  if (inquiry?.id) return <InquiryPage key={inquiry.id} inquiryId={inquiry.id} />;
  return <Message title="Page not found" text="There is no page at this address." />;
};
