// The core journeys against a real Superset 5.0.0.
import { describeReleaseJourney } from './release-journey.ts';

describeReleaseJourney('5.0.0');
