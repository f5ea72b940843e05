// The core journeys against a real Superset 6.0.0.
import { describeReleaseJourney } from './release-journey.ts';

describeReleaseJourney('6.0.0');
