import {
  ActionIcon,
  Alert,
  Button,
  ColorInput,
  Divider,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post, put } from '../../api/client';
import { type LandingPage, pageTemplates, useFormChoices, useOffers, type Variant } from './api';

const blankVariant = (name: string): Variant => ({ name, weight: 1, headline: '', subheadline: '', body: '' });

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

/** Creates or edits a landing page: its address, look, SEO, form, offer and A/B variants. */
export function PageEditorModal({ page, onClose }: { page?: LandingPage; onClose: () => void }) {
  const queryClient = useQueryClient();
  const offers = useOffers();
  const forms = useFormChoices();
  const [name, setName] = useState(page?.name ?? '');
  const [slug, setSlug] = useState(page?.slug ?? '');
  const [template, setTemplate] = useState<string>(page?.template ?? 'classic');
  const [accentColor, setAccentColor] = useState(page?.accentColor ?? '#4f46e5');
  const [seoTitle, setSeoTitle] = useState(page?.seoTitle ?? '');
  const [seoDescription, setSeoDescription] = useState(page?.seoDescription ?? '');
  const [formId, setFormId] = useState<string | null>(page?.formId ?? null);
  const [assetId, setAssetId] = useState<string | null>(page?.assetId ?? null);
  const [ogImageAssetId, setOgImageAssetId] = useState<string | null>(page?.ogImageAssetId ?? null);
  const [cookieConsent, setCookieConsent] = useState(page?.cookieConsent ?? false);
  const [variants, setVariants] = useState<Variant[]>(page?.variants ?? [blankVariant('Control')]);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        slug,
        template,
        accentColor,
        seoTitle,
        seoDescription,
        formId,
        assetId,
        ogImageAssetId,
        cookieConsent,
        variants,
      };
      return page
        ? put<LandingPage>(`/api/landing-pages/${page.id}`, body)
        : post<LandingPage>('/api/landing-pages', body);
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['landing-pages'] });
      onClose();
    },
  });
  const setVariant = (index: number, change: Partial<Variant>) =>
    setVariants((current) => current.map((variant, i) => (i === index ? { ...variant, ...change } : variant)));
  const offerOptions = (offers.data ?? []).map((offer) => ({
    value: offer.id,
    label: `${offer.title} (${offer.kind})`,
  }));
  const imageOptions = (offers.data ?? [])
    .filter((offer) => offer.contentType.startsWith('image/'))
    .map((offer) => ({ value: offer.id, label: offer.title }));

  return (
    <Modal opened onClose={onClose} title={page ? `Edit ${page.name}` : 'New landing page'} size="xl">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (!page && (slug === '' || slug === slugOf(name))) setSlug(slugOf(value));
              setName(value);
            }}
          />
          <TextInput
            label="Address"
            required
            leftSection={<Text size="xs">/p/</Text>}
            leftSectionWidth={36}
            value={slug}
            onChange={(e) => setSlug(e.currentTarget.value)}
            description="Letters, digits and dashes"
          />
          <Select
            label="Template"
            data={[...pageTemplates]}
            value={template}
            onChange={(v) => setTemplate(v ?? 'classic')}
            allowDeselect={false}
          />
          <ColorInput label="Accent color" value={accentColor} onChange={setAccentColor} format="hex" />
          <Select
            label="Form"
            data={forms.data ?? []}
            value={formId}
            onChange={setFormId}
            clearable
            placeholder="No form"
          />
          <Select
            label="Content offer"
            data={offerOptions}
            value={assetId}
            onChange={setAssetId}
            clearable
            placeholder="No offer"
          />
        </SimpleGrid>
        <Switch
          label="Ask visitors for cookie consent"
          description="Until a visitor accepts, the page sets no cookie, the tracker sends nothing, and the A/B split is drawn per view. Views are still counted, without a visitor."
          checked={cookieConsent}
          onChange={(e) => setCookieConsent(e.currentTarget.checked)}
        />
        <Divider label="Search engines and link previews" labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Title"
            description="Defaults to the headline"
            value={seoTitle}
            onChange={(e) => setSeoTitle(e.currentTarget.value)}
            maxLength={200}
          />
          <Select
            label="Preview image"
            data={imageOptions}
            value={ogImageAssetId}
            onChange={setOgImageAssetId}
            clearable
            placeholder="None"
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          value={seoDescription}
          onChange={(e) => setSeoDescription(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
        />
        <Divider label="Variants (A/B test: visitors are split by weight and keep theirs)" labelPosition="left" />
        {variants.map((variant, index) => (
          <Paper key={variant.id ?? `new-${index}`} withBorder p="sm">
            <Stack gap="xs">
              <Group align="flex-end">
                <TextInput
                  label="Variant"
                  value={variant.name}
                  onChange={(e) => setVariant(index, { name: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <NumberInput
                  label="Weight"
                  min={0}
                  max={1000}
                  value={variant.weight}
                  onChange={(v) => setVariant(index, { weight: Number(v) || 0 })}
                  w={110}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove variant ${variant.name}`}
                  disabled={variants.length === 1}
                  onClick={() => setVariants((current) => current.filter((_, i) => i !== index))}
                  mb={4}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <TextInput
                label="Headline"
                required
                value={variant.headline}
                onChange={(e) => setVariant(index, { headline: e.currentTarget.value })}
              />
              <TextInput
                label="Subheadline"
                value={variant.subheadline}
                onChange={(e) => setVariant(index, { subheadline: e.currentTarget.value })}
              />
              <Textarea
                label="Body"
                description="Markdown: **bold**, _italic_, ## headings, - lists, [links](https://…). HTML is shown as text."
                value={variant.body}
                onChange={(e) => setVariant(index, { body: e.currentTarget.value })}
                autosize
                minRows={4}
              />
            </Stack>
          </Paper>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setVariants((current) => [...current, blankVariant(`Variant ${String.fromCharCode(65 + current.length)}`)])
          }
          disabled={variants.length >= 10}
        >
          Add a variant
        </Button>
        {save.error && <Alert color="red">{errorMessage(save.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {page ? 'Save' : 'Create draft'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
